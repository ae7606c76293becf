package io.livelink.analytics.session;

import io.livelink.analytics.rollup.RollupCursors;
import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.WindowSize;
import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import io.livelink.events.EventType;
import io.livelink.events.LinkRevoked;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.events.StreamType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * analytics-service decides when view sessions end; link-service keeps none. A session ends with
 * its LEAVE; one silent for longer than the session timeout ends at its last heartbeat ({@code
 * TIMEOUT}); a revoked link ({@code LinkRevoked}, which link-service also emits for a revoked
 * broadcast grant, a member dropped from a stream's audience group and a revoked stream) and a
 * member who left the tenant ({@code MemberLeft}) end the affected open sessions at that moment,
 * for good. These facts are kept, so a session whose JOIN arrives after them (a resolve racing the
 * revocation) is ended too, as of the fact or of its own start, whichever is later. The windows
 * such an end changes are recomputed and their corrections published.
 */
@ApplicationScoped
public class SessionLifecycle implements EachEventHandler<LiveLinkEvent> {

    /** One consumer of both topics (links and directory): each consumer adds to a stop. */
    public static final String CHANNEL = "session-facts";

    private static final Consumption<LiveLinkEvent> CONSUMPTION =
            new Consumption<>(
                    "analytics-service/session-lifecycle",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    LiveLinkEvent.class,
                    Set.of(EventType.LINK_REVOKED, EventType.MEMBER_LEFT, EventType.MEMBER_JOINED),
                    Consumption.OtherEvents.IGNORED);

    /** Ends nothing LEAVE, TIMEOUT or an earlier forced end did not end already. */
    static final String FORCED = "('REVOKED', 'MEMBER_LEFT')";

    private final BatchConsumer batches;
    private final EntityManager entityManager;
    private final ArrayStatements sql;
    private final RollupCursors cursors;
    private final RollupSettings settings;
    private final Clock clock;

    public SessionLifecycle(
            BatchConsumer batches,
            EntityManager entityManager,
            ArrayStatements sql,
            RollupCursors cursors,
            RollupSettings settings,
            Clock clock) {
        this.batches = batches;
        this.entityManager = entityManager;
        this.sql = sql;
        this.cursors = cursors;
        this.settings = settings;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<LiveLinkEvent> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(LiveLinkEvent event) {
        if (event instanceof LinkRevoked revoked) {
            sql.update(
                    "insert into link_revocation (link_id, stream_id, tenant_id, revoked_at, reason)"
                            + " values (?, ?, ?, ?, ?) on conflict do nothing",
                    revoked.linkId(),
                    revoked.streamId(),
                    revoked.tenantId(),
                    revoked.revokedAt(),
                    revoked.reason());
            endRevoked(List.of(revoked.linkId()));
        } else if (event instanceof MemberLeft left) {
            sql.update(
                    "insert into member_departure as d (tenant_id, member_id, left_at) values (?,"
                            + " ?, ?) on conflict (tenant_id, member_id) do update set left_at ="
                            + " excluded.left_at, returned_at = null where d.returned_at is not"
                            + " null and d.returned_at < excluded.left_at",
                    left.tenantId(),
                    left.memberId(),
                    left.leftAt());
            endDeparted(left.tenantId(), List.of(left.memberId()));
        } else if (event instanceof MemberJoined joined) {
            sql.update(
                    "update member_departure set returned_at = ? where tenant_id = ? and member_id"
                            + " = ? and left_at <= ? and returned_at is null",
                    joined.joinedAt(),
                    joined.tenantId(),
                    joined.memberId(),
                    joined.joinedAt());
        }
    }

    /**
     * Makes the caller's transaction, a batch of views about to be applied, wait for the
     * revocations and departures being recorded, and them wait for it. Each transaction sees only
     * what was committed before its statements: a batch checking its links while a revocation was
     * recorded, and the revocation ending the link's open sessions while the batch was writing
     * them, each missed the other, and the batch's sessions stayed open. A share lock on the facts'
     * tables, taken before the batch writes anything, conflicts only with recording a fact; batches
     * do not wait for each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdFactsStill() {
        entityManager
                .createNativeQuery("lock table link_revocation, member_departure in share mode")
                .executeUpdate();
    }

    /**
     * The day partitions a view batch's sessions are kept in: the earliest and latest opening among
     * them. Bound as values, so PostgreSQL plans and locks only those partitions, not every day of
     * the retention.
     */
    public record Openings(Instant first, Instant last) {

        /** The earliest and latest of these openings (at least one). */
        public static Openings spanning(Collection<Instant> openings) {
            return new Openings(
                    openings.stream().min(Instant::compareTo).orElseThrow(),
                    openings.stream().max(Instant::compareTo).orElseThrow());
        }
    }

    /**
     * Ends the open sessions of these links that were revoked, as of the revocation or of their own
     * start if that came later.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endRevoked(Collection<String> linkIds) {
        endRevoked(linkIds, null);
    }

    /**
     * The same for a view batch, among the sessions opened within {@code openings}: any other
     * session of these links was ended when the revocation was recorded, or by the batch that wrote
     * it (the share lock of {@link #holdFactsStill} keeps the two from missing each other).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endRevoked(Collection<String> linkIds, Openings openings) {
        if (linkIds.isEmpty()) {
            return;
        }
        touch(
                ended(
                        "update view_session s set ended_at = greatest(s.started_at,"
                                + " r.revoked_at), ended_by = 'REVOKED' from link_revocation r"
                                + " where r.link_id = any(?) and s.link_id = r.link_id and"
                                + " (s.ended_at is null or (s.ended_at > greatest(s.started_at,"
                                + " r.revoked_at) and s.ended_by not in "
                                + FORCED
                                + "))"
                                + openedWithin(openings)
                                + " returning s.stream_id, s.stream_type, s.tenant_id,"
                                + " s.ended_at",
                        withOpenings(openings, Column.text(linkIds))));
    }

    /**
     * Ends the open sessions of these members of the tenant who left it, as of the departure or of
     * their own start if that came later (a session opened before they came back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endDeparted(String tenantId, Collection<String> memberIds) {
        endDeparted(tenantId, memberIds, null);
    }

    /** The same for a view batch, among the sessions opened within {@code openings}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endDeparted(String tenantId, Collection<String> memberIds, Openings openings) {
        if (memberIds.isEmpty()) {
            return;
        }
        touch(
                ended(
                        "update view_session s set ended_at = greatest(s.started_at, d.left_at),"
                                + " ended_by = 'MEMBER_LEFT' from member_departure d where"
                                + " d.tenant_id = ? and d.member_id = any(?) and s.tenant_id ="
                                + " d.tenant_id and s.viewer_id = d.member_id and s.stream_type ="
                                + " 'ENTERPRISE' and (d.returned_at is null or s.started_at <"
                                + " d.returned_at) and (s.ended_at is null or (s.ended_at >"
                                + " greatest(s.started_at, d.left_at) and s.ended_by not in "
                                + FORCED
                                + "))"
                                + openedWithin(openings)
                                + " returning s.stream_id, s.stream_type, s.tenant_id,"
                                + " s.ended_at",
                        withOpenings(openings, tenantId, Column.text(memberIds))));
    }

    private static String openedWithin(Openings openings) {
        return openings == null
                ? ""
                : " and s.opened_at >= cast(? as timestamptz) and s.opened_at <= cast(? as"
                        + " timestamptz)";
    }

    private static Object[] withOpenings(Openings openings, Object... parameters) {
        if (openings == null) {
            return parameters;
        }
        Object[] all = Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = openings.first();
        all[parameters.length + 1] = openings.last();
        return all;
    }

    /**
     * Sessions silent for longer than the timeout end at their last heartbeat. Their presence in
     * the windows stays what it was while the session was open (the timeout after the last sign of
     * life), so published windows keep their figures.
     *
     * <p>Silence is judged by the clock, except in a stream whose events are being drained from a
     * backlog (they still arrive, and reach only windows well behind the clock, as the window
     * closer judges it): there a session is silent once its stream's events have reached the
     * timeout past its last sign of life. By the clock alone every open session of such a stream
     * would be ended and then opened again by its next heartbeat in the backlog, two writes each
     * for nothing.
     *
     * <p>Sessions a view batch is writing at that moment are skipped, not waited for (they are
     * ended by the next sweep if still silent): the sweep takes its rows in table order and a batch
     * in its own, so waiting would let each wait for the other, and PostgreSQL broke such deadlocks
     * by failing one of them, often a 1,000-event batch that then had to be retried (dozens of
     * times while a backlog of old events drained).
     */
    @Scheduled(
            every = "${livelink.analytics.sessions.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void endSilentSessions() {
        Instant now = clock.instant();
        entityManager
                .createNativeQuery(
                        "update view_session s set ended_at = s.last_seen_at, ended_by ="
                                + " 'TIMEOUT' from (select v.stream_id, v.session_id, v.opened_at"
                                // How far each stream in a backlog has reached (its cursor, and
                                // touches the closer has not merged yet), once per stream, not
                                // once per open session.
                                + " from view_session v left join (select stream_id, min(reached)"
                                + " as reached from (select stream_id, event_watermark as reached,"
                                + " last_event_arrived_at as arrived from rollup_cursor union all"
                                + " select stream_id, latest_window_start, touched_at from"
                                + " rollup_touch) b where arrived > :arrivalsStoppedBefore and"
                                + " reached < :liveFrom group by stream_id) backlog on"
                                + " backlog.stream_id = v.stream_id where v.ended_at is null and"
                                + " v.last_seen_at < :cutoff and (backlog.reached is null or"
                                + " backlog.reached >= v.last_seen_at + make_interval(secs =>"
                                + " :timeoutSeconds)) for update of v skip locked) silent where"
                                + " s.stream_id = silent.stream_id and s.session_id ="
                                + " silent.session_id and s.opened_at = silent.opened_at")
                .setParameter("cutoff", now.minus(settings.sessionTimeout()))
                .setParameter("arrivalsStoppedBefore", now.minus(settings.closeOnClockAfter()))
                .setParameter("liveFrom", now.minus(settings.liveLag()))
                .setParameter("timeoutSeconds", settings.sessionTimeout().toMillis() / 1000.0)
                .executeUpdate();
    }

    private record Ended(String streamId, StreamType type, String tenantId, Instant at) {}

    private List<Ended> ended(String statement, Object... parameters) {
        List<Ended> ended = new ArrayList<>();
        sql.query(
                statement,
                row ->
                        ended.add(
                                new Ended(
                                        row.getString(1),
                                        StreamType.valueOf(row.getString(2)),
                                        row.getString(3),
                                        row.getTimestamp(4).toInstant())),
                parameters);
        return ended;
    }

    /** The windows from each forced end on are computed again (corrections within the grace). */
    private void touch(List<Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant graceStart = now.minus(settings.grace());
        Map<String, RollupCursors.Touched> touched = new LinkedHashMap<>();
        for (Ended end : ended) {
            Optional<WindowSize> size = WindowSize.of(end.type());
            if (size.isEmpty()) {
                continue; // daily rollups read the sessions when they are generated
            }
            Instant from =
                    size.get().startOf(end.at().isBefore(graceStart) ? graceStart : end.at());
            Instant to = size.get().startOf(now);
            if (from.isAfter(to)) {
                from = to;
            }
            touched.merge(
                    end.streamId() + "/" + size.get(),
                    new RollupCursors.Touched(end.streamId(), size.get(), end.tenantId(), from, to),
                    RollupCursors.Touched::widen);
        }
        cursors.touched(new ArrayList<>(touched.values()), now);
    }
}
