package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutants of valid records of every type (a fixed seed, so a failure comes back): what
 * the one pass accepts, the schema accepts, decoded to the same event; and every mutant, accepted
 * or refused, decodes through {@link EventCodec#decodeEvent} exactly as through the validator's
 * path, refusal messages included.
 */
class OnePassDecoderMutationTest {

    private static final int MUTANTS_PER_RECORD = 500;

    private static final Instant T = Instant.parse("2026-11-21T08:00:00.5Z");

    @Test
    void whatTheOnePassAcceptsTheSchemaAcceptsAndEveryMutantDecodesAsBefore() {
        int mutantCount = 0;
        int acceptedInOnePass = 0;
        int refused = 0;
        List<String> records = validRecords();
        for (int r = 0; r < records.size(); r++) {
            RecordMutants mutants = new RecordMutants(20_261_121L + r);
            for (int i = 0; i < MUTANTS_PER_RECORD; i++) {
                String mutant = mutants.mutate(records.get(r));
                DecodeResult before = DecodeResult.byTheValidator(mutant);
                Optional<DecodedEvent> onePass = OnePassDecoder.decodeIfCertain(mutant);
                if (onePass.isPresent()) {
                    assertThat(EventSchemas.violations(mutant)).as(mutant).isEmpty();
                    assertThat(DecodeResult.of(onePass.get())).as(mutant).isEqualTo(before);
                    acceptedInOnePass++;
                }
                assertThat(DecodeResult.byDecodeEvent(mutant)).as(mutant).isEqualTo(before);
                refused += before.refusal() == null ? 0 : 1;
                mutantCount++;
            }
        }
        // The mutants reach both sides: what one pass decodes, and what the validator refuses.
        assertThat(acceptedInOnePass).isGreaterThan(mutantCount / 20);
        assertThat(refused).isGreaterThan(mutantCount / 3);
    }

    private static List<String> validRecords() {
        List<String> records = new ArrayList<>();
        for (EventType type : EventType.values()) {
            records.add(
                    EventCodec.encode(
                            EventContractsTest.SAMPLES.get(type),
                            "e-" + type,
                            "/livelink/test",
                            T));
        }
        records.add(
                EventCodec.encode(
                        new ViewEvent(
                                "s1",
                                "t1",
                                StreamType.MINI_PROGRAM,
                                "l1",
                                "o-9",
                                ViewerIdKind.OPENID,
                                "v1",
                                ViewKind.HEARTBEAT,
                                Playback.REPLAY,
                                Device.PC,
                                "qq",
                                null,
                                null,
                                null,
                                T),
                        "e-view-without-utm",
                        "/livelink/link-service",
                        T));
        return records;
    }
}
