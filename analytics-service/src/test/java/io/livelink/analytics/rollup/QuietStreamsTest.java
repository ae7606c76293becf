package io.livelink.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.analytics.ingest.PrivatePartition;
import io.livelink.analytics.ingest.ViewEventsConsumer;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The window closer keeps a stream's cursor while someone may still be watching and lets it go once
 * everyone left and its windows are done (WindowCloser.isQuiet over V13's indexes: open sessions by
 * stream, ended ones by end).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class QuietStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject ViewEventsConsumer consumer;
    @Inject EntityManager entityManager;

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void aStreamEveryoneLeftLetsItsCursorGoWhileAWatchedOneKeepsIt() {
        String left = UUID.randomUUID().toString();
        String watched = UUID.randomUUID().toString();
        // Within today (UTC) and the grace: events without their session's opening time are kept
        // by their day.
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant joined = Instant.now().minusSeconds(5);
        if (joined.isBefore(today)) {
            joined = today;
        }
        PrivatePartition views = new PrivatePartition(consumer);
        views.applyAlone(
                ViewFixtures.miniProgram(tenant, left, ViewKind.JOIN, "uid-1", "s-1", joined));
        views.applyAlone(
                ViewFixtures.miniProgram(
                        tenant, left, ViewKind.LEAVE, "uid-1", "s-1", joined.plusSeconds(1)));
        views.applyAlone(
                ViewFixtures.miniProgram(tenant, watched, ViewKind.JOIN, "uid-2", "s-2", joined));
        views.applyAlone(
                ViewFixtures.miniProgram(
                        tenant,
                        watched,
                        ViewKind.HEARTBEAT,
                        "uid-2",
                        "s-2",
                        joined.plusSeconds(1)));

        await().atMost(WAIT).until(() -> count("stream_second", left) > 0);
        await().atMost(WAIT).until(() -> count("stream_second", watched) > 0);
        await().atMost(WAIT)
                .until(() -> count("rollup_cursor", left) + count("rollup_touch", left) == 0);

        assertThat(count("rollup_cursor", watched) + count("rollup_touch", watched))
                .as("a session seen a second ago is present for the session timeout")
                .isPositive();
    }

    private long count(String table, String streamId) {
        return StoredRows.number(
                entityManager,
                "select count(*) from " + table + " where stream_id = :s",
                Map.of("s", streamId));
    }
}
