package io.livelink.events;

import static io.livelink.events.EventContractsTest.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid events are decoded in one streaming pass, to what the schema validator's path decodes; what
 * the pass is not sure of is left to that path, which decides it as before.
 */
class OnePassDecoderTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");

    private static final String VIEW =
            EventCodec.encode(SAMPLES.get(EventType.VIEW), "e1", "/livelink/link-service", T);

    @Test
    void everySchemaCompilesButDirectoryGroupChangedsWhoseUniqueItemsTheRulesDoNotCheck() {
        assertThat(Arrays.stream(EventType.values()).filter(t -> !OnePassDecoder.compiled(t)))
                .containsExactly(EventType.DIRECTORY_GROUP_CHANGED);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aValidEventIsDecodedInOnePassAsTheValidatorsPathDecodesIt(EventType type) {
        LiveLinkEvent event = SAMPLES.get(type);
        String json = EventCodec.encode(event, UUID.randomUUID().toString(), "/livelink/test", T);

        Optional<DecodedEvent> onePass = OnePassDecoder.decodeIfCertain(json);

        assertThat(onePass.isPresent()).isEqualTo(OnePassDecoder.compiled(type));
        onePass.ifPresent(
                e -> assertThat(DecodeResult.of(e)).isEqualTo(DecodeResult.byTheValidator(json)));
        assertThat(DecodeResult.byDecodeEvent(json))
                .isEqualTo(DecodeResult.byTheValidator(json))
                .extracting(DecodeResult::payload)
                .isEqualTo(event);
    }

    /** Nulls, text JSON must escape, fractions of a second, as both encoders write them. */
    @Test
    void viewsOfEveryShapeAreDecodedInOnePass() {
        Instant withNanos = Instant.parse("2026-11-21T08:00:00.123456789Z");
        ViewEvent sample = (ViewEvent) SAMPLES.get(EventType.VIEW);
        ViewEvent escaped =
                new ViewEvent(
                        "s1",
                        "t1",
                        StreamType.ENTERPRISE,
                        "l1",
                        "m\"1\\ \u00e9\u2028\ud83d\ude00",
                        ViewerIdKind.MEMBER,
                        "v1",
                        ViewKind.HEARTBEAT,
                        Playback.REPLAY,
                        Device.PC,
                        "</script>",
                        null,
                        null,
                        null,
                        withNanos);
        ViewEvent withoutUtm =
                new ViewEvent(
                        "s1",
                        "t1",
                        StreamType.H5,
                        "l1",
                        "u",
                        ViewerIdKind.OPENID,
                        "v1",
                        ViewKind.LEAVE,
                        Playback.LIVE,
                        Device.TV,
                        "\u5fae\u535a",
                        null,
                        "",
                        null,
                        T.plusMillis(1),
                        withNanos);
        for (ViewEvent view : new ViewEvent[] {sample, escaped, withoutUtm}) {
            for (String json :
                    new String[] {
                        EventCodec.encode(view, "e1", "/test", withNanos),
                        EventCodec.encode(EventCodec.envelope(view, "e1", "/test", withNanos))
                    }) {
                assertThat(OnePassDecoder.decodeIfCertain(json))
                        .as(json)
                        .map(DecodeResult::of)
                        .contains(new DecodeResult("e1", EventType.VIEW, view, null));
            }
        }
    }

    /** Another producer's way of writing the same event, valid all the same. */
    @Test
    void membersInAnotherOrderEscapedNamesAndOffsetsAreDecodedInOnePass() {
        String json =
                VIEW.replace("\"specversion\":\"1.0\",", "")
                        .replace("\"id\":", "\"\\u0069d\":")
                        .replace(
                                "\"time\":\"2026-11-21T08:00:00Z\"",
                                "\"time\":\"2026-11-21T16:00:00+08:00\"")
                        .replace(
                                "\"occurredAt\":\"2026-11-21T08:00:00Z\"",
                                "\"occurredAt\":\"2026-11-21T03:00:00.000-05:00\"")
                        .replace("\"source\":", " \"specversion\" : \"1.0\" ,\n\"source\":");

        assertThat(OnePassDecoder.decodeIfCertain(json))
                .as(json)
                .map(DecodeResult::of)
                .contains(DecodeResult.byTheValidator(VIEW));
    }

    static Stream<Arguments> recordsTheOnePassIsNotSureOf() {
        String type = "\"type\":\"io.livelink.ViewEvent.v1\",";
        return Stream.of(
                Arguments.of(
                        "data before type",
                        VIEW.replace(type, "").replace("}}", "}," + type.replace(",", "") + "}")),
                Arguments.of(
                        "an id twice",
                        VIEW.replace("\"id\":\"e1\",", "\"id\":\"e1\",\"id\":\"e2\",")),
                Arguments.of(
                        "an unknown member",
                        VIEW.replace("\"subject\"", "\"traceparent\":\"00\",\"subject\"")),
                Arguments.of("text after the record", VIEW + " trailing"),
                Arguments.of(
                        "a leap second",
                        VIEW.replace(
                                "\"occurredAt\":\"2026-11-21T08:00:00Z\"",
                                "\"occurredAt\":\"2016-12-31T23:59:60Z\"")),
                Arguments.of(
                        "a lower-case t",
                        VIEW.replace("2026-11-21T08:00:00Z", "2026-11-21t08:00:00Z")),
                Arguments.of("an unknown type", VIEW.replace("ViewEvent.v1", "ViewEvent.v2")),
                Arguments.of(
                        "a type ending in a line feed",
                        VIEW.replace("ViewEvent.v1", "ViewEvent.v1\\n")),
                Arguments.of("no data", VIEW.replaceAll(",\"data\":.*}}", "}")),
                Arguments.of("not JSON", VIEW.substring(0, 40)),
                Arguments.of("an empty value", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsTheOnePassIsNotSureOf")
    void whatTheOnePassIsNotSureOfIsDecidedByTheValidatorsPath(String what, String json) {
        assertThat(OnePassDecoder.decodeIfCertain(json)).isEmpty();
        assertThat(DecodeResult.byDecodeEvent(json)).isEqualTo(DecodeResult.byTheValidator(json));
    }
}
