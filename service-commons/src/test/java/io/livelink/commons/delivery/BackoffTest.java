package io.livelink.commons.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff webhooks = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1));

    @Test
    void waitsDoubleFromTheFirstRetry() {
        assertThat(webhooks.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(webhooks.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(webhooks.after(12)).isEqualTo(Duration.ofSeconds(2048));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(webhooks.after(13)).isEqualTo(Duration.ofHours(1));
        assertThat(webhooks.after(15)).isEqualTo(Duration.ofHours(1));
        // Far past any real attempt count the doubling stops instead of overflowing.
        assertThat(webhooks.after(64)).isEqualTo(Duration.ofHours(1));
        assertThat(webhooks.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void noAttemptYetCountsAsTheFirst() {
        assertThat(webhooks.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.after(-3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void subSecondStepsKeepTheirPrecision() {
        Backoff quick = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        assertThat(quick.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(quick.after(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(quick.after(4)).isEqualTo(Duration.ofSeconds(1));
    }
}
