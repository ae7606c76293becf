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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The closer reads the streams due once per run, then takes each in a transaction of its own: a
 * stream is locked only while still due, and a run closes each at most once, however far behind.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CloserRunTest {

    @Inject RollupCursors cursors;
    @Inject RollupSettings settings;
    @Inject EntityManager entityManager;

    @Test
    @TestTransaction // the cursors are never seen by the running closer, and go at the end
    void aRunListsTheDueStreamsInTurnAndLocksOnlyOneStillDue() {
        String first = "stream-" + UUID.randomUUID();
        String second = "stream-" + UUID.randomUUID();
        String notYet = "stream-" + UUID.randomUUID();
        // Due long ago, so before every cursor of other tests; the third only in 2999.
        cursorFrom(first, Instant.parse("2000-01-01T00:00:00Z"));
        cursorFrom(second, Instant.parse("2000-01-01T00:00:01Z"));
        cursorFrom(notYet, Instant.parse("2999-01-01T00:00:00Z"));
        Instant now = Instant.now();
        Instant closedUpTo = settings.closedUpTo(WindowSize.SECOND, now);

        List<String> due = cursors.dueStreams(WindowSize.SECOND, closedUpTo, now, settings);
        assertThat(due).startsWith(first, second).doesNotContain(notYet).doesNotHaveDuplicates();
        assertThat(lock(first, closedUpTo, now)).contains(first);
        assertThat(lock(second, closedUpTo, now)).contains(second);
        assertThat(lock(notYet, closedUpTo, now)).isEmpty();
    }

    private Optional<String> lock(String streamId, Instant closedUpTo, Instant now) {
        return cursors.lockIfDue(WindowSize.SECOND, streamId, closedUpTo, now, settings)
                .map(RollupCursors.Due::streamId);
    }

    private void cursorFrom(String streamId, Instant nextStart) {
        entityManager
                .createNativeQuery(
                        "insert into rollup_cursor (stream_id, window_size, tenant_id, next_start)"
                                + " values (:stream, 'SECOND', 'tenant-closer-run', :start)")
                .setParameter("stream", streamId)
                .setParameter("start", nextStart)
                .executeUpdate();
    }
}
