package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.StoredRows;
import io.livelink.analytics.ViewFixtures;
import io.livelink.events.ViewKind;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A session's instants are stored exactly as its events said them, to the microsecond. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SessionInstantsTest {

    @Inject ViewEventsConsumer consumer;
    @Inject EntityManager entityManager;

    @Test
    void aSessionKeepsItsEventsInstantsToTheMicrosecond() {
        String stream = UUID.randomUUID().toString();
        String session = "s-" + UUID.randomUUID();
        // Within the grace, with a microsecond part (Instant.now() on Linux has one), JOIN and
        // LEAVE in one UTC day (events without their session's opening are kept by their day).
        Instant joined =
                Instant.now()
                        .truncatedTo(ChronoUnit.SECONDS)
                        .minusSeconds(3)
                        .plusNanos(123_456_000);
        Instant left = joined.plusNanos(1_000_001_000);
        if (!left.truncatedTo(ChronoUnit.DAYS).equals(joined.truncatedTo(ChronoUnit.DAYS))) {
            joined = left.truncatedTo(ChronoUnit.DAYS).plusNanos(123_456_000);
            left = joined.plusNanos(1_000_001_000);
        }
        PrivatePartition views = new PrivatePartition(consumer);
        views.applyAlone(
                ViewFixtures.miniProgram(
                        "tenant-instants", stream, ViewKind.JOIN, "uid-1", session, joined));
        views.applyAlone(
                ViewFixtures.miniProgram(
                        "tenant-instants", stream, ViewKind.LEAVE, "uid-1", session, left));

        assertThat(
                        StoredRows.number(
                                entityManager,
                                "select count(*) from view_session where session_id = :session"
                                        + " and started_at = :joined and joined_at = :joined"
                                        + " and last_seen_at = :left and ended_at = :left"
                                        + " and left_at = :left and opened_at = :day",
                                Map.of(
                                        "session", session,
                                        "joined", joined,
                                        "left", left,
                                        "day", joined.truncatedTo(ChronoUnit.DAYS))))
                .isOne();
    }
}
