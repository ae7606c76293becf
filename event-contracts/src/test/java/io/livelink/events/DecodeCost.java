package io.livelink.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What decoding a realistic ViewEvent record costs on one thread, by the validator's path ({@link
 * EventCodec#decode}, then {@link EventCodec#data}) and by {@link EventCodec#decodeEvent}: the two
 * alternate in rounds over the same few hundred records, and each one's median nanoseconds per
 * event is printed. Not a test; run by hand on a quiet machine, with the module's test classpath:
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl event-contracts test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/ec-cp.txt
 * java -cp event-contracts/target/test-classes:event-contracts/target/classes:$(cat /tmp/ec-cp.txt) \
 *     io.livelink.events.DecodeCost
 * </pre>
 */
final class DecodeCost {

    private static final int EVENTS_PER_PATH = 2_000_000;
    private static final int ROUNDS = 20;
    private static final int DISTINCT_RECORDS = 400;

    private static final String[] CHANNELS = {"weibo", "wechat", "qq", "direct", "douyin"};

    private DecodeCost() {}

    public static void main(String[] args) {
        String[] records = realisticViews(new SplittableRandom(42));
        for (String record : records) {
            DecodedEvent event = EventCodec.decodeEvent(record);
            EventEnvelope envelope = EventCodec.decode(record);
            if (OnePassDecoder.decodeIfCertain(record).isEmpty()
                    || !event.payload().equals(EventCodec.data(envelope, ViewEvent.class))) {
                throw new IllegalStateException("not decoded in one pass alike: " + record);
            }
        }
        int perRound = EVENTS_PER_PATH / ROUNDS;
        long[] validatorsPath = new long[ROUNDS];
        long[] onePass = new long[ROUNDS];
        long sink = 0;
        // One round each unmeasured, for the JIT.
        sink += byTheValidatorsPath(records, perRound) + byDecodeEvent(records, perRound);
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            sink += byTheValidatorsPath(records, perRound);
            validatorsPath[round] = (System.nanoTime() - start) / perRound;
            start = System.nanoTime();
            sink += byDecodeEvent(records, perRound);
            onePass[round] = (System.nanoTime() - start) / perRound;
        }
        System.out.printf(
                "%d ViewEvent records per path in %d rounds (%d distinct): median ns per event"
                        + " decode+data %d, decodeEvent %d (checksum %d)%n",
                EVENTS_PER_PATH,
                ROUNDS,
                records.length,
                median(validatorsPath),
                median(onePass),
                sink);
    }

    private static long byTheValidatorsPath(String[] records, int count) {
        long sink = 0;
        for (int i = 0; i < count; i++) {
            EventEnvelope envelope = EventCodec.decode(records[i % records.length]);
            sink += EventCodec.data(envelope, ViewEvent.class).occurredAt().getNano();
        }
        return sink;
    }

    private static long byDecodeEvent(String[] records, int count) {
        long sink = 0;
        for (int i = 0; i < count; i++) {
            DecodedEvent event = EventCodec.decodeEvent(records[i % records.length]);
            sink += ((ViewEvent) event.payload()).occurredAt().getNano();
        }
        return sink;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Views as link-service writes them: sessions' JOINs, HEARTBEATs and LEAVEs. */
    private static String[] realisticViews(SplittableRandom random) {
        Instant now = Instant.parse("2026-11-21T08:00:00.123Z");
        String[] records = new String[DISTINCT_RECORDS];
        for (int i = 0; i < records.length; i++) {
            StreamType streamType = StreamType.values()[random.nextInt(3)];
            boolean utm = random.nextBoolean();
            Instant opened = now.minusSeconds(random.nextInt(3_600)).truncatedTo(ChronoUnit.MILLIS);
            Instant at = now.plusMillis(random.nextInt(60_000));
            ViewEvent view =
                    new ViewEvent(
                            new UUID(random.nextLong(), random.nextLong()).toString(),
                            "tenant-" + random.nextInt(50),
                            streamType,
                            Long.toString(random.nextLong() >>> 1, 36),
                            viewerId(streamType, random),
                            viewerIdKind(streamType),
                            new UUID(random.nextLong(), random.nextLong()).toString(),
                            random.nextInt(10) == 0 ? ViewKind.JOIN : ViewKind.HEARTBEAT,
                            random.nextInt(5) == 0 ? Playback.REPLAY : Playback.LIVE,
                            Device.values()[random.nextInt(3)],
                            CHANNELS[random.nextInt(CHANNELS.length)],
                            utm ? "spring-launch" : null,
                            utm ? "social" : null,
                            utm ? "campaign-" + random.nextInt(9) : null,
                            at,
                            opened);
            records[i] =
                    EventCodec.encode(
                            view, UUID.randomUUID().toString(), "/livelink/link-service", at);
        }
        return records;
    }

    private static String viewerId(StreamType streamType, SplittableRandom random) {
        return switch (streamType) {
            case MINI_PROGRAM -> "o" + Long.toString(random.nextLong() >>> 1, 36) + "_wx";
            case H5 -> "uid-" + random.nextInt(1_000_000);
            case ENTERPRISE -> "member-" + random.nextInt(10_000);
        };
    }

    private static ViewerIdKind viewerIdKind(StreamType streamType) {
        return switch (streamType) {
            case MINI_PROGRAM -> ViewerIdKind.OPENID;
            case H5 -> ViewerIdKind.CLOUD_UID;
            case ENTERPRISE -> ViewerIdKind.MEMBER;
        };
    }
}
