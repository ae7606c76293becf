package io.livelink.commons.consume;

import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import io.livelink.events.EventType;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two consumers for {@link BatchConsumerTest}, one by stored offsets and one by processed-event
 * marks, that record each event they apply in {@code consumed_probe}. A member id says how its
 * event behaves: {@code unusable…} is refused by the handler, {@code flaky-N…} fails N times before
 * it applies, {@code failing…} always fails; a NUL character is refused by PostgreSQL.
 */
final class ConsumeProbes {

    private ConsumeProbes() {}

    /** Departures, exactly once by stored offsets; any other event on their topic is refused. */
    @ApplicationScoped
    static class ByOffsets implements EventBatchHandler<MemberLeft> {

        static final Consumption<MemberLeft> CONSUMPTION =
                new Consumption<>(
                        "commons-test/by-offsets",
                        ExactlyOnce.STORED_OFFSETS,
                        MemberLeft.class,
                        Set.of(EventType.MEMBER_LEFT),
                        Consumption.OtherEvents.DEAD_LETTERED);

        private final Applied applied;

        ByOffsets(Applied applied) {
            this.applied = applied;
        }

        @Override
        public Consumption<MemberLeft> consumption() {
            return CONSUMPTION;
        }

        @Override
        public void apply(List<Delivered<MemberLeft>> events) {
            applied.record(
                    CONSUMPTION.consumer(),
                    events.stream().map(Delivered::eventId).toList(),
                    events.stream().map(e -> e.event().memberId()).toList());
        }
    }

    /** Arrivals, exactly once by processed-event marks; other events on their topic are not its. */
    @ApplicationScoped
    static class ByMarks implements EventBatchHandler<MemberJoined> {

        static final Consumption<MemberJoined> CONSUMPTION =
                new Consumption<>(
                        "commons-test/by-marks",
                        ExactlyOnce.PROCESSED_EVENT_MARKS,
                        MemberJoined.class,
                        Set.of(EventType.MEMBER_JOINED),
                        Consumption.OtherEvents.IGNORED);

        private final Applied applied;

        ByMarks(Applied applied) {
            this.applied = applied;
        }

        @Override
        public Consumption<MemberJoined> consumption() {
            return CONSUMPTION;
        }

        @Override
        public void apply(List<Delivered<MemberJoined>> events) {
            applied.record(
                    CONSUMPTION.consumer(),
                    events.stream().map(Delivered::eventId).toList(),
                    events.stream().map(e -> e.event().memberId()).toList());
        }
    }

    /** Writes what the probes applied, failing as the member ids ask. */
    @ApplicationScoped
    static class Applied {

        private final ArrayStatements sql;
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        Applied(ArrayStatements sql) {
            this.sql = sql;
        }

        @Transactional(Transactional.TxType.MANDATORY)
        void record(String consumer, List<String> eventIds, List<String> memberIds) {
            for (String member : memberIds) {
                if (member.startsWith("unusable")) {
                    throw new UnusableEvent("member " + member + " cannot be applied");
                }
                if (member.startsWith("failing")) {
                    throw new IllegalStateException("the database is away");
                }
                if (member.startsWith("flaky-")) {
                    int failures = Integer.parseInt(member.substring(6, 7));
                    if (attempts.computeIfAbsent(member, m -> new AtomicInteger()).incrementAndGet()
                            <= failures) {
                        throw new IllegalStateException("the database is away for a moment");
                    }
                }
            }
            sql.update(
                    "insert into consumed_probe (consumer, event_id, member_id) select ?, u.e, u.m"
                            + " from unnest(?, ?) as u(e, m)",
                    consumer,
                    Column.text(eventIds),
                    Column.text(memberIds));
        }

        /** How often each of these members was applied by the consumer, in total. */
        @Transactional
        List<String> membersApplied(String consumer, String prefix) {
            return sql.strings(
                    "select member_id from consumed_probe where consumer = ? and member_id like ?"
                            + " order by member_id",
                    consumer,
                    prefix + "%");
        }

        int attemptsOf(String member) {
            AtomicInteger count = attempts.get(member);
            return count == null ? 0 : count.get();
        }
    }
}
