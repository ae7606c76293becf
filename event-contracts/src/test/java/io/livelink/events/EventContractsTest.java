package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractsTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");

    /** One realistic instance of every event, as its producer would build it. */
    static final Map<EventType, LiveLinkEvent> SAMPLES =
            Arrays.stream(
                            new LiveLinkEvent[] {
                                new ViewEvent(
                                        "s1",
                                        "t1",
                                        StreamType.H5,
                                        "l1",
                                        "uid-9",
                                        ViewerIdKind.CLOUD_UID,
                                        "v1",
                                        ViewKind.JOIN,
                                        Playback.LIVE,
                                        Device.MOBILE,
                                        "weibo",
                                        "weibo",
                                        "social",
                                        "launch",
                                        T,
                                        T.minusSeconds(30)),
                                new LinkIssued(
                                        "l1",
                                        "s1",
                                        "t1",
                                        StreamType.ENTERPRISE,
                                        "wecom",
                                        null,
                                        null,
                                        null,
                                        "m1",
                                        "k1",
                                        T,
                                        T.plusSeconds(900)),
                                new LinkRevoked("l1", "s1", "t1", "member left", T),
                                new StreamStateChanged(
                                        "s1",
                                        "t1",
                                        StreamType.H5,
                                        "Launch",
                                        null,
                                        StreamState.SCHEDULED,
                                        true,
                                        "m1",
                                        null,
                                        T),
                                new BroadcastPermissionRequested(
                                        "r1",
                                        "t1",
                                        "m1",
                                        RequestPurpose.BROADCAST,
                                        "weekly training",
                                        T,
                                        T.plusSeconds(86400)),
                                new BroadcastPermissionGranted(
                                        "g1", "r1", "t1", "m1", "sa1", "m1.live", "admin1", T,
                                        null),
                                new BroadcastPermissionRejected(
                                        "r1", "t1", "m1", "admin1", "no", T),
                                new BroadcastPermissionRevoked(
                                        "g1", "t1", "m1", "admin1", "left team", T),
                                new BroadcastPermissionRequestCancelled("r1", "t1", "m1", T),
                                new BroadcastPermissionRequestExpired("r1", "t1", "m1", T),
                                new TenantSettingsChanged(
                                        "t1",
                                        true,
                                        BroadcastPolicy.SELECTED_MEMBERS,
                                        "Asia/Shanghai",
                                        T),
                                new MemberJoined("t1", "m1", "li.lei@example.com", "Li Lei", T),
                                new MemberLeft("t1", "m1", T),
                                new DirectoryGroupChanged(
                                        "t1",
                                        "class-c1",
                                        "Welding BJ-2026-000021",
                                        java.util.List.of("stu-1", "stu-2"),
                                        T),
                                new TrainingClassSynced(
                                        "t1",
                                        "c1",
                                        "BJ-2026-000021",
                                        "Welding",
                                        "class-c1",
                                        java.util.List.of(
                                                new TrainingClassSynced.Student("stu-1", "张三")),
                                        T),
                                new TenantQualificationChanged(
                                        "t1",
                                        StreamType.H5,
                                        QualificationStatus.REJECTED,
                                        "licence expired",
                                        T),
                                new StreamSecondRollup("s1", "t1", T, 12, 3, 1, 2, 1, T),
                                new StreamMinuteRollup(
                                        "s1",
                                        "t1",
                                        T,
                                        5,
                                        4,
                                        180,
                                        3,
                                        java.util.List.of(
                                                new StreamMinuteRollup.ChannelMinute(
                                                        "weibo", 3, 2, 120, 2),
                                                new StreamMinuteRollup.ChannelMinute(
                                                        "qq", 2, 2, 60, 1)),
                                        2,
                                        T),
                                new MemberDailyRollup(
                                        "t1",
                                        "m1",
                                        java.time.LocalDate.of(2026, 11, 21),
                                        "Asia/Shanghai",
                                        3600,
                                        600,
                                        T,
                                        T.plusSeconds(4200),
                                        2,
                                        1,
                                        T),
                            })
                    .collect(Collectors.toMap(EventType::of, Function.identity()));

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void encodedEventsValidateAgainstTheirSchemaAndDecodeToTheSameRecord(EventType type) {
        LiveLinkEvent event = SAMPLES.get(type);
        String json =
                EventCodec.encode(
                        EventCodec.envelope(event, UUID.randomUUID().toString(), "/test", T));

        assertThat(EventSchemas.violations(json)).isEmpty();
        EventEnvelope decoded = EventCodec.decode(json);
        assertThat(decoded.type()).isEqualTo(type.typeName());
        assertThat(decoded.subject()).isEqualTo(event.partitionKey());
        assertThat(EventCodec.data(decoded)).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventStreamedWithoutATreeIsTheSameJsonAsItsEnvelope(EventType type) {
        LiveLinkEvent event = SAMPLES.get(type);
        String id = UUID.randomUUID().toString();

        assertThat(EventCodec.encode(event, id, "/test", T))
                .isEqualTo(EventCodec.encode(EventCodec.envelope(event, id, "/test", T)));
    }

    /** The view's own writer: nulls, fractions of a second and text that JSON must escape. */
    @Test
    void aViewWithNullsAndEscapedTextStreamsAsItsEnvelope() {
        Instant withNanos = Instant.parse("2026-11-21T08:00:00.123456789Z");
        for (ViewEvent view :
                new ViewEvent[] {
                    new ViewEvent(
                            "s1",
                            "t1",
                            StreamType.ENTERPRISE,
                            "l1",
                            "m\"1\\ é\u2028",
                            ViewerIdKind.MEMBER,
                            "v1",
                            ViewKind.HEARTBEAT,
                            Playback.REPLAY,
                            Device.PC,
                            null,
                            null,
                            null,
                            null,
                            withNanos),
                    new ViewEvent(
                            "s1",
                            null,
                            null,
                            "l1",
                            "u",
                            null,
                            "v1",
                            null,
                            null,
                            null,
                            "</script>",
                            "\n",
                            "\u0001",
                            "微博",
                            T.plusMillis(1),
                            withNanos)
                }) {
            assertThat(EventCodec.encode(view, "e1", "/test", withNanos))
                    .isEqualTo(
                            EventCodec.encode(EventCodec.envelope(view, "e1", "/test", withNanos)));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemasRefuseDataWithAMissingRequiredField(EventType type) {
        EventEnvelope envelope = EventCodec.envelope(SAMPLES.get(type), "e1", "/test", T);
        String firstField = type.payload().getRecordComponents()[0].getName();
        ((ObjectNode) envelope.data()).remove(firstField);

        assertThat(EventSchemas.violations(EventCodec.encode(envelope)))
                .anySatisfy(v -> assertThat(v).contains(firstField));
    }

    @Test
    void schemaRefusesAnUnknownEnumValue() {
        EventEnvelope envelope = EventCodec.envelope(SAMPLES.get(EventType.VIEW), "e1", "/t", T);
        ((ObjectNode) envelope.data()).put("device", "FRIDGE");

        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(envelope)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("device");
    }

    @Test
    void schemaRefusesAMalformedTimestamp() {
        EventEnvelope envelope =
                EventCodec.envelope(SAMPLES.get(EventType.MEMBER_LEFT), "e1", "/t", T);
        ((ObjectNode) envelope.data()).put("leftAt", "yesterday");

        assertThat(EventSchemas.violations(EventCodec.encode(envelope)))
                .anySatisfy(v -> assertThat(v).contains("leftAt"));
    }

    @Test
    void decodeRefusesWhatIsNotAnEvent() {
        assertThatThrownBy(() -> EventCodec.decode("{not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventCodec.decode("{\"id\":\"x\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("envelope");
        String unknownType =
                EventCodec.encode(
                                EventCodec.envelope(
                                        SAMPLES.get(EventType.MEMBER_LEFT), "e", "/t", T))
                        .replace("MemberLeft", "MemberVanished");
        assertThatThrownBy(() -> EventCodec.decode(unknownType))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type");
    }

    @Test
    void everyTypeIsOnATopicThatExists() {
        assertThat(EventType.values()).allSatisfy(t -> assertThat(Topics.ALL).contains(t.topic()));
    }
}
