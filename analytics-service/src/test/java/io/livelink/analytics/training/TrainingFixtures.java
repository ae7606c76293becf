package io.livelink.analytics.training;

import static io.restassured.RestAssured.given;

import io.livelink.analytics.training.roster.Gender;
import io.livelink.analytics.training.roster.ResidentIdNumbers;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.TestTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Classes, valid ID numbers and the events of streams and viewers, for the training tests. */
final class TrainingFixtures {

    private TrainingFixtures() {}

    /** A valid ID number born 1990-03-07 in Beijing's Chaoyang district; seq 0–99. */
    static String idNumber(int seq, Gender gender) {
        int sequence = seq * 10 % 1000 + (gender == Gender.MALE ? 1 : 2);
        String first17 = "110105" + "19900307" + String.format("%03d", sequence);
        return first17 + ResidentIdNumbers.checkCharacter(first17);
    }

    static String createClass(String tenant, String name) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType("application/json")
                .body(Map.of("name", name, "classType", "职业技能提升", "trainingMode", "LIVE"))
                .post("/training/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Map<String, String> student(String name, Gender gender, String idNumber) {
        return Map.of(
                "name",
                name,
                "gender",
                gender == Gender.MALE ? "男" : "女",
                "idNumber",
                idNumber,
                "phone",
                "13812345678",
                "education",
                "本科");
    }

    static void streamState(
            EventsOnKafka kafka,
            String tenant,
            String streamId,
            String broadcaster,
            String group,
            StreamState previous,
            StreamState state,
            Instant at) {
        kafka.publish(
                new StreamStateChanged(
                        streamId,
                        tenant,
                        StreamType.ENTERPRISE,
                        "课程 " + streamId.substring(0, 6),
                        previous,
                        state,
                        true,
                        broadcaster,
                        group,
                        at));
    }

    /** A session of a member: JOIN at {@code from}, LEAVE at {@code to}. */
    static void session(
            EventsOnKafka kafka,
            String tenant,
            String streamId,
            String member,
            Playback playback,
            Device device,
            Instant from,
            Instant to) {
        String session = UUID.randomUUID().toString();
        for (var kind : new ViewKind[] {ViewKind.JOIN, ViewKind.LEAVE}) {
            kafka.publish(
                    new ViewEvent(
                            streamId,
                            tenant,
                            StreamType.ENTERPRISE,
                            "link-" + member,
                            member,
                            ViewerIdKind.MEMBER,
                            session,
                            kind,
                            playback,
                            device,
                            "wecom",
                            "wecom",
                            "im",
                            "training",
                            kind == ViewKind.JOIN ? from : to,
                            // Opened with its JOIN, as link-service says in every event of it.
                            from));
        }
    }
}
