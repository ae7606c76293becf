package io.livelink.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The closer takes one stream per transaction, so a run asks again after each: a stream it has
 * closed in this run is not taken twice, even while it is still due (a backlog longer than {@code
 * max-windows-per-run}), and the other streams due get their turn.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CloserRunTest {

    @Inject RollupCursors cursors;
    @Inject RollupSettings settings;
    @Inject EntityManager entityManager;

    @Test
    @TestTransaction // the cursors are never seen by the running closer, and go at the end
    void aRunTakesEachDueStreamOnceThoughItIsStillDue() {
        String first = "stream-" + UUID.randomUUID();
        String second = "stream-" + UUID.randomUUID();
        // Due long ago, so before every cursor of other tests.
        dueSince(first, Instant.parse("2000-01-01T00:00:00Z"));
        dueSince(second, Instant.parse("2000-01-01T00:00:01Z"));
        Instant now = Instant.now();
        Instant closedUpTo = settings.closedUpTo(WindowSize.SECOND, now);

        assertThat(next(closedUpTo, now, Set.of())).contains(first);
        // Nothing was computed: the first is due as before, and this transaction holds its lock
        // (skip locked skips only the locks of others).
        assertThat(next(closedUpTo, now, Set.of(first))).contains(second);
        assertThat(next(closedUpTo, now, Set.of(first, second)))
                .isNotEqualTo(Optional.of(first))
                .isNotEqualTo(Optional.of(second));
    }

    private Optional<String> next(Instant closedUpTo, Instant now, Set<String> closed) {
        return cursors.lockDue(WindowSize.SECOND, closedUpTo, now, settings, closed)
                .map(RollupCursors.Due::streamId);
    }

    private void dueSince(String streamId, Instant nextStart) {
        entityManager
                .createNativeQuery(
                        "insert into rollup_cursor (stream_id, window_size, tenant_id, next_start)"
                                + " values (:stream, 'SECOND', 'tenant-closer-run', :start)")
                .setParameter("stream", streamId)
                .setParameter("start", nextStart)
                .executeUpdate();
    }
}
