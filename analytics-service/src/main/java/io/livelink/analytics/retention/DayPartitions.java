package io.livelink.analytics.retention;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the day partitions of the tables partitioned by UTC day (V10, and V11 for the view
 * sessions, by the day each was opened): creates each day's partition ahead of time, moves rows
 * that landed in a table's default partition (a day that had none yet, the rows migrated by V10)
 * into their day's, and drops the days older than the retention. A query of a range so reads only
 * its days, and a year of history costs it what a week does. It also forgets the first joins of
 * streams gone (see {@link #forgetViewersOfStreamsGone}).
 *
 * <p>Runs at startup and then periodically; rows written before today's partition exists wait in
 * the default partition and are moved with it when it is made. Each step is its own short
 * transaction under an advisory lock (several instances take turns) with a lock timeout: dropping
 * or attaching a partition briefly locks its table, and a step that cannot have the lock soon gives
 * up until the next run rather than holding up ingestion.
 */
@ApplicationScoped
public class DayPartitions {

    /**
     * A table partitioned by range of one timestamptz column, by UTC day; {@code storage} the
     * storage parameters of its partitions ("" for the defaults), which they do not inherit.
     */
    public record DayPartitioned(String table, String column, String storage) {

        DayPartitioned(String table, String column) {
            this(table, column, "");
        }
    }

    public static final List<DayPartitioned> TABLES =
            List.of(
                    new DayPartitioned("stream_second_count", "second"),
                    new DayPartitioned("stream_minute_count", "minute"),
                    new DayPartitioned("stream_second", "second"),
                    new DayPartitioned("stream_minute", "minute"),
                    new DayPartitioned("late_view_event", "occurred_at"),
                    // Half of each page free for the heartbeats' new versions of its sessions
                    // (V13).
                    new DayPartitioned("view_session", "opened_at", "fillfactor = 50"));

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long LOCK = 0x1a7e_da75L; // this job's advisory lock

    private final EntityManager entityManager;
    private final RetentionSettings settings;
    private final Clock clock;

    public DayPartitions(EntityManager entityManager, RetentionSettings settings, Clock clock) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        maintain(today());
    }

    @Scheduled(
            every = "${livelink.analytics.partitions.check-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        maintain(today());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Brings every table's partitions up to date: days ahead created, default partition emptied
     * into day partitions, days before the retention dropped. A step that fails (a lock not had in
     * time) is logged and left to the next run. Days before {@code today} less the retention are
     * dropped.
     */
    public void maintain(LocalDate today) {
        LocalDate firstKept = today.minusDays(settings.period().toDays());
        for (DayPartitioned table : TABLES) {
            try {
                TreeSet<LocalDate> wanted = new TreeSet<>();
                for (int ahead = -1; ahead <= settings.partitionsAhead(); ahead++) {
                    wanted.add(today.plusDays(ahead));
                }
                wanted.addAll(call(() -> daysInDefault(table)));
                wanted.removeIf(day -> day.isBefore(firstKept));
                List<LocalDate> existing = call(() -> days(table));
                for (LocalDate day : wanted) {
                    if (!existing.contains(day)) {
                        run(() -> create(table, day));
                    }
                }
                for (LocalDate day : existing) {
                    if (day.isBefore(firstKept)) {
                        run(() -> drop(table, day));
                    }
                }
                run(() -> deleteFromDefaultBefore(table, firstKept));
            } catch (RuntimeException e) {
                Log.warnf("day partitions of %s not maintained now: %s", table.table(), e);
            }
        }
        try {
            int forgotten = call(() -> forgetViewersOfStreamsGone(firstKept));
            if (forgotten > 0) {
                Log.infof("forgot %d first joins of streams with no view session kept", forgotten);
            }
        } catch (RuntimeException e) {
            Log.warnf("first joins of streams gone not forgotten now: %s", e);
        }
    }

    /**
     * A stream's first joins ({@code stream_viewer}, a row per viewer) tell a new viewer from one
     * coming back while the stream is watched, and hold viewer ids: they go with the stream's last
     * view session. A stream whose latest event is older than the retention has none kept (a
     * session is opened before its events), so its first joins are deleted by the key's stream
     * prefix, found from the per-stream totals: neither the first joins nor the sessions are read
     * whole. Not a day partition: the key is the stream and viewer, so a comeback finds the first
     * join whatever day it was.
     */
    int forgetViewersOfStreamsGone(LocalDate firstKept) {
        lockForMaintenance();
        return entityManager
                .createNativeQuery(
                        "delete from stream_viewer v using stream_view_totals t where v.stream_id"
                                + " = t.stream_id and t.last_event_at < :firstKept")
                .setParameter("firstKept", firstKept.atStartOfDay(ZoneOffset.UTC).toInstant())
                .executeUpdate();
    }

    /** The days that have a partition of the table. */
    public List<LocalDate> days(DayPartitioned table) {
        @SuppressWarnings("unchecked")
        List<String> names =
                entityManager
                        .createNativeQuery(
                                "select c.relname from pg_inherits i join pg_class c on c.oid ="
                                        + " i.inhrelid where i.inhparent = cast(cast(:parent as"
                                        + " text) as regclass)")
                        .setParameter("parent", table.table())
                        .getResultList();
        List<LocalDate> days = new ArrayList<>();
        String prefix = table.table() + "_p";
        for (String name : names) {
            if (name.startsWith(prefix)) {
                days.add(LocalDate.parse(name.substring(prefix.length()), SUFFIX));
            }
        }
        days.sort(null);
        return days;
    }

    private List<LocalDate> daysInDefault(DayPartitioned table) {
        @SuppressWarnings("unchecked")
        List<Object> days =
                entityManager
                        .createNativeQuery(
                                "select distinct cast(("
                                        + table.column()
                                        + " at time zone 'UTC') as date) from "
                                        + table.table()
                                        + "_default")
                        .getResultList();
        return days.stream().map(DayPartitions::date).toList();
    }

    /**
     * Creates the day's partition. Rows of that day in the default partition are moved into it
     * first (a partition cannot be attached while the default one holds rows of its range).
     */
    private void create(DayPartitioned table, LocalDate day) {
        lockForMaintenance();
        String partition = partition(table, day);
        if (exists(partition)) {
            return; // another instance made it since this one listed the days
        }
        // No row may reach the default partition between the move below and the attach.
        execute("lock table " + table.table() + "_default in share row exclusive mode");
        String from = bound(day);
        String to = bound(day.plusDays(1));
        String inDay =
                " where " + table.column() + " >= " + from + " and " + table.column() + " < " + to;
        execute(
                "create table "
                        + partition
                        + " (like "
                        + table.table()
                        + " including defaults)"
                        + (table.storage().isEmpty() ? "" : " with (" + table.storage() + ")"));
        execute(
                "insert into "
                        + partition
                        + " select * from "
                        + table.table()
                        + "_default"
                        + inDay);
        execute("delete from " + table.table() + "_default" + inDay);
        execute(
                "alter table "
                        + table.table()
                        + " attach partition "
                        + partition
                        + " for values from ("
                        + from
                        + ") to ("
                        + to
                        + ")");
        Log.infof("created partition %s", partition);
    }

    private void drop(DayPartitioned table, LocalDate day) {
        lockForMaintenance();
        execute("drop table if exists " + partition(table, day));
        Log.infof("dropped partition %s (older than the retention)", partition(table, day));
    }

    private void deleteFromDefaultBefore(DayPartitioned table, LocalDate firstKept) {
        lockForMaintenance();
        execute(
                "delete from "
                        + table.table()
                        + "_default where "
                        + table.column()
                        + " < "
                        + bound(firstKept));
    }

    private void lockForMaintenance() {
        execute("set local lock_timeout = '5s'");
        entityManager
                .createNativeQuery("select 1 from pg_advisory_xact_lock(:lock)")
                .setParameter("lock", LOCK)
                .getSingleResult();
    }

    private boolean exists(String relation) {
        Object found =
                entityManager
                        .createNativeQuery(
                                "select to_regclass(cast(:relation as text)) is not null")
                        .setParameter("relation", relation)
                        .getSingleResult();
        return Boolean.TRUE.equals(found);
    }

    private void execute(String statement) {
        entityManager.createNativeQuery(statement).executeUpdate();
    }

    private static String partition(DayPartitioned table, LocalDate day) {
        return table.table() + "_p" + day.format(SUFFIX);
    }

    /** The start of a UTC day as a timestamptz literal (a partition bound must be a constant). */
    private static String bound(LocalDate day) {
        return "timestamptz '" + day + " 00:00:00+00'";
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }

    private static <T> T call(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    private static void run(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
