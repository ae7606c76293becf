package io.livelink.commons.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class ExpectedStopNoiseTest {

    private final ExpectedStopNoise filter = new ExpectedStopNoise();

    @Test
    void aBatchLeftForTheNextStartIsNotAnError() {
        assertThat(filter.isLoggable(error(new BatchConsumer.ConsumerStopping("views")))).isFalse();
        assertThat(
                        filter.isLoggable(
                                error(
                                        new IllegalStateException(
                                                "wrapped",
                                                new BatchConsumer.ConsumerStopping("v")))))
                .isFalse();
    }

    @Test
    void aConsumerWokenUpToCloseIsNotAnError() {
        assertThat(filter.isLoggable(error(new WakeupException()))).isFalse();
    }

    @Test
    void everythingElsePasses() {
        assertThat(filter.isLoggable(error(new IllegalStateException("database gone")))).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.INFO, "started"))).isTrue();
    }

    private static LogRecord error(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "SRMSG00200: The method has thrown");
        record.setThrown(thrown);
        return record;
    }
}
