package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void writesWhatInstantToStringWrites() {
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        for (Instant instant :
                new Instant[] {
                    t,
                    t.plusNanos(1),
                    t.plusNanos(10),
                    t.plusNanos(1_000),
                    t.plusNanos(120_000),
                    t.plusMillis(1),
                    t.plusMillis(999),
                    t.plusNanos(999_999_999),
                    t.minusSeconds(1),
                    Instant.EPOCH,
                    Instant.EPOCH.minusNanos(1),
                    Instant.parse("2024-02-29T23:59:59.5Z"),
                    Instant.parse("9999-12-31T23:59:59.999999999Z"),
                    Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                    Instant.parse("0001-01-01T00:00:00Z"),
                    Instant.MIN,
                    Instant.MAX
                }) {
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
        assertThat(IsoInstants.format(null)).isNull();
    }

    @Test
    void writesWhatInstantToStringWritesForAnyInstantOfTheseCenturies() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(0, 8_000_000_000L);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            // Most often the same second as the last one, as on the view path.
            Instant soonAfter = instant.plusMillis(1);
            assertThat(IsoInstants.format(soonAfter)).isEqualTo(soonAfter.toString());
        }
    }
}
