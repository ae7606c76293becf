package io.livelink.analytics.rollup.daily;

import io.livelink.analytics.rollup.RollupSettings;
import io.livelink.analytics.rollup.Rows;
import io.livelink.analytics.session.SessionDays;
import io.livelink.analytics.session.WatchIntervals;
import io.livelink.analytics.session.WatchIntervals.Interval;
import io.livelink.commons.outbox.EventPublisher;
import io.livelink.events.MemberDailyRollup;
import io.livelink.events.Playback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per member per day of ENTERPRISE streams, the day cut in the tenant's time zone. Watching is the
 * union of the member's session intervals (JOIN to LEAVE, or to the last heartbeat), clipped to the
 * day, so two devices at once count once and a view across local midnight splits between the days.
 */
@ApplicationScoped
public class DailyRollups {

    private final EntityManager entityManager;
    private final EventPublisher publisher;
    private final TenantTimeZones zones;
    private final Clock clock;
    private final RollupSettings rollups;

    public DailyRollups(
            EntityManager entityManager,
            EventPublisher publisher,
            TenantTimeZones zones,
            Clock clock,
            RollupSettings rollups) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.zones = zones;
        this.clock = clock;
        this.rollups = rollups;
    }

    private record Session(String member, Playback playback, Interval interval) {}

    /** Generates (or regenerates) the tenant's day; publishes each row that is new or changed. */
    @Transactional
    public List<MemberDailyRollup> generate(String tenantId, LocalDate day) {
        ZoneId zone = zones.of(tenantId);
        long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, List<Session>> byMember = new TreeMap<>();
        for (Session s : sessions(tenantId, dayStart, dayEnd)) {
            byMember.computeIfAbsent(s.member(), m -> new ArrayList<>()).add(s);
        }
        Instant now = clock.instant();
        List<MemberDailyRollup> rows = new ArrayList<>();
        List<MemberDailyRollup> changed = new ArrayList<>();
        for (Map.Entry<String, List<Session>> member : byMember.entrySet()) {
            List<Session> sessions = member.getValue();
            long first = sessions.stream().mapToLong(s -> s.interval().start()).min().orElseThrow();
            long last = sessions.stream().mapToLong(s -> s.interval().end()).max().orElseThrow();
            MemberDailyRollup figures =
                    new MemberDailyRollup(
                            tenantId,
                            member.getKey(),
                            day,
                            zone.getId(),
                            unionSeconds(sessions, Playback.LIVE),
                            unionSeconds(sessions, Playback.REPLAY),
                            Instant.ofEpochMilli(first),
                            Instant.ofEpochMilli(last),
                            sessions.size(),
                            1,
                            now);
            MemberDailyRollup before = stored(tenantId, member.getKey(), day);
            if (before != null && sameFigures(before, figures)) {
                rows.add(before);
                continue;
            }
            MemberDailyRollup row =
                    before == null ? figures : withRevision(figures, before.revision() + 1);
            store(row);
            changed.add(row);
            rows.add(row);
        }
        publisher.publishAll(changed);
        entityManager
                .createNativeQuery(
                        "insert into daily_generation (tenant_id, day, generated_at) values"
                                + " (:tenant, :day, :now) on conflict (tenant_id, day) do update"
                                + " set generated_at = excluded.generated_at")
                .setParameter("tenant", tenantId)
                .setParameter("day", day)
                .setParameter("now", now)
                .executeUpdate();
        return rows;
    }

    static long unionSeconds(List<Session> sessions, Playback playback) {
        return WatchIntervals.unionSeconds(
                sessions.stream()
                        .filter(s -> s.playback() == playback)
                        .map(Session::interval)
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private List<Session> sessions(String tenantId, long dayStart, long dayEnd) {
        String watchedUntil = "coalesce(ended_at, last_seen_at)";
        Query query =
                entityManager.createNativeQuery(
                        "select viewer_id, playback, "
                                + Rows.millis("started_at")
                                + ", "
                                + Rows.millis(watchedUntil)
                                + " from view_session where tenant_id = :tenant and"
                                + " stream_type = 'ENTERPRISE' and started_at < :dayEnd and "
                                + SessionDays.OPENED_WITHIN
                                + " and "
                                + watchedUntil
                                + " >= :dayStart");
        SessionDays.openings(
                        Instant.ofEpochMilli(dayStart),
                        Instant.ofEpochMilli(dayEnd),
                        rollups.sessionMaxAge())
                .forEach(query::setParameter);
        List<Object[]> rows =
                query.setParameter("tenant", tenantId)
                        .setParameter("dayStart", Instant.ofEpochMilli(dayStart))
                        .setParameter("dayEnd", Instant.ofEpochMilli(dayEnd))
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Session(
                                        (String) r[0],
                                        Playback.valueOf((String) r[1]),
                                        new Interval(
                                                Math.max(dayStart, Rows.count(r[2])),
                                                Math.min(dayEnd, Rows.count(r[3])))))
                .toList();
    }

    private static boolean sameFigures(MemberDailyRollup a, MemberDailyRollup b) {
        return a.liveSeconds() == b.liveSeconds()
                && a.replaySeconds() == b.replaySeconds()
                && a.sessions() == b.sessions()
                && Objects.equals(a.firstJoinAt(), b.firstJoinAt())
                && Objects.equals(a.lastLeaveAt(), b.lastLeaveAt())
                && a.timeZone().equals(b.timeZone());
    }

    private static MemberDailyRollup withRevision(MemberDailyRollup r, int revision) {
        return new MemberDailyRollup(
                r.tenantId(),
                r.memberId(),
                r.day(),
                r.timeZone(),
                r.liveSeconds(),
                r.replaySeconds(),
                r.firstJoinAt(),
                r.lastLeaveAt(),
                r.sessions(),
                revision,
                r.generatedAt());
    }

    private MemberDailyRollup stored(String tenantId, String memberId, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select time_zone, live_seconds, replay_seconds, "
                                        + Rows.millis("first_join_at")
                                        + ", "
                                        + Rows.millis("last_leave_at")
                                        + ", sessions, revision, "
                                        + Rows.millis("generated_at")
                                        + " from member_daily where tenant_id = :tenant and day ="
                                        + " :day and member_id = :member")
                        .setParameter("tenant", tenantId)
                        .setParameter("day", day)
                        .setParameter("member", memberId)
                        .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new MemberDailyRollup(
                tenantId,
                memberId,
                day,
                (String) r[0],
                Rows.count(r[1]),
                Rows.count(r[2]),
                Rows.instant(r[3]),
                Rows.instant(r[4]),
                (int) Rows.count(r[5]),
                (int) Rows.count(r[6]),
                Rows.instant(r[7]));
    }

    private void store(MemberDailyRollup r) {
        entityManager
                .createNativeQuery(
                        "insert into member_daily (tenant_id, member_id, day, time_zone,"
                                + " live_seconds, replay_seconds, first_join_at, last_leave_at,"
                                + " sessions, revision, generated_at) values (:tenant, :member, :day,"
                                + " :zone, :live, :replay, :first, :last, :sessions, :revision, :at)"
                                + " on conflict (tenant_id, day, member_id) do update set time_zone ="
                                + " excluded.time_zone, live_seconds = excluded.live_seconds,"
                                + " replay_seconds = excluded.replay_seconds, first_join_at ="
                                + " excluded.first_join_at, last_leave_at = excluded.last_leave_at,"
                                + " sessions = excluded.sessions, revision = excluded.revision,"
                                + " generated_at = excluded.generated_at")
                .setParameter("tenant", r.tenantId())
                .setParameter("member", r.memberId())
                .setParameter("day", r.day())
                .setParameter("zone", r.timeZone())
                .setParameter("live", r.liveSeconds())
                .setParameter("replay", r.replaySeconds())
                .setParameter("first", r.firstJoinAt())
                .setParameter("last", r.lastLeaveAt())
                .setParameter("sessions", r.sessions())
                .setParameter("revision", r.revision())
                .setParameter("at", r.generatedAt())
                .executeUpdate();
    }
}
