package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Under live traffic the view-event consumer waits for a batch worth its statements rather than
 * taking each event as it arrives, but never so long that a second closes before its events are
 * applied.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class LiveBatchingTest {

    private static final String CHANNEL = "mp.messaging.incoming.view-events.";

    @Inject Config config;
    @Inject RollupSettings rollups;

    @Test
    void aLiveFetchGathersEventsForLessThanASecondWaitsToClose() {
        int minBytes = config.getValue(CHANNEL + "fetch.min.bytes", Integer.class);
        Duration maxWait =
                Duration.ofMillis(config.getValue(CHANNEL + "fetch.max.wait.ms", Long.class));

        assertThat(minBytes).as("bytes a fetch waits for").isGreaterThanOrEqualTo(64 * 1024);
        assertThat(maxWait).as("its longest wait").isPositive();
        // Half the delay is left for the batch to be applied and committed.
        assertThat(maxWait.multipliedBy(2)).isLessThanOrEqualTo(rollups.secondCloseDelay());
    }
}
