package io.livelink.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.MemberJoined;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.link.tenant.DirectoryMember;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Publishes what permission-service would say about a tenant, and waits until it is applied. */
public final class TenantFixtures {

    private TenantFixtures() {}

    /** A member joined the tenant's directory, as permission-service announces it; awaited. */
    public static void member(EventsOnKafka kafka, String tenant, String memberId) {
        kafka.publish(
                new MemberJoined(tenant, memberId, memberId, "Member " + memberId, Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .call(() -> DirectoryMember.isMember(tenant, memberId)));
    }

    /** A tenant with the live service on, verified for the given types (the first is awaited). */
    public static void qualifiedTenant(
            EventsOnKafka kafka, String tenant, BroadcastPolicy policy, StreamType... types) {
        Instant now = Instant.now();
        kafka.publish(new TenantSettingsChanged(tenant, true, policy, "Asia/Shanghai", now));
        for (StreamType type : types) {
            kafka.publish(
                    new TenantQualificationChanged(
                            tenant, type, QualificationStatus.VERIFIED, null, now));
        }
        StreamType last = types[types.length - 1];
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .contentType(ContentType.JSON)
                                        .body(
                                                Map.of(
                                                        "type",
                                                        last.name(),
                                                        "title",
                                                        "read model probe"))
                                        .post("/streams")
                                        .then()
                                        .statusCode(201));
    }
}
