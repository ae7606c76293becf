package io.livelink.commons.consume;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Keeps out of the logs two errors the Kafka connector reports about a service that is stopping as
 * it should: a batch left for the next start ({@link BatchConsumer.ConsumerStopping}, which {@code
 * BatchConsumer} already logs at INFO with what was left), and a consumer woken up to close while
 * it committed offsets on a rebalance ({@link WakeupException}: those offsets are committed again,
 * or the records delivered again and deduplicated, after the next start). Anything else passes, so
 * a stop that goes wrong still shows.
 */
@LoggingFilter(name = "expected-stop-noise")
public final class ExpectedStopNoise implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchConsumer.ConsumerStopping
                    || cause instanceof WakeupException) {
                return false;
            }
        }
        return true;
    }
}
