package io.livelink.commons.consume;

import io.livelink.commons.sql.ArrayStatements;
import io.livelink.commons.sql.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Each partition's next offset, kept in PostgreSQL ({@code consumer_offset}) and written in the
 * transaction that applies the partition's records: the KafkaConsumer's "storing offsets outside
 * Kafka". A batch's effects and its offsets so commit together or not at all.
 */
@ApplicationScoped
public class ConsumerOffsets {

    private final ArrayStatements sql;
    private final Clock clock;

    public ConsumerOffsets(ArrayStatements sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Locks these partitions' offsets for the caller's transaction and answers them (0 for a
     * partition never applied). Whoever else applies the same partition (another instance during a
     * rebalance, a redelivery) waits, then sees what this transaction stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> lock(String consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = sorted(partitions);
        Map<TopicPartition, Long> next = new TreeMap<>(ConsumerOffsets::compare);
        sql.query(
                "insert into consumer_offset as o (consumer, topic, partition, next_offset,"
                        + " updated_at) select ?, u.topic, u.partition, 0, cast(? as timestamptz)"
                        + " from unnest(?, ?) as u(topic, partition)"
                        + " on conflict (consumer, topic, partition) do update set"
                        + " next_offset = o.next_offset"
                        + " returning topic, partition, next_offset",
                row ->
                        next.put(
                                new TopicPartition(row.getString("topic"), row.getInt("partition")),
                                row.getLong("next_offset")),
                consumer,
                clock.instant(),
                Column.text(ordered.stream().map(TopicPartition::topic).toList()),
                Column.longs(ordered.stream().map(p -> (long) p.partition()).toList()));
        return next;
    }

    /** Stores where each partition goes on; the caller holds their lock ({@link #lock}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(String consumer, Map<TopicPartition, Long> nextOffsets) {
        List<TopicPartition> ordered = sorted(nextOffsets.keySet());
        sql.update(
                "update consumer_offset o set next_offset = u.next_offset, updated_at = cast(? as"
                        + " timestamptz) from unnest(?, ?, ?) as u(topic, partition, next_offset)"
                        + " where o.consumer = ? and o.topic = u.topic and o.partition ="
                        + " u.partition and o.next_offset < u.next_offset",
                clock.instant(),
                Column.text(ordered.stream().map(TopicPartition::topic).toList()),
                Column.longs(ordered.stream().map(p -> (long) p.partition()).toList()),
                Column.longs(ordered.stream().map(nextOffsets::get).toList()),
                consumer);
    }

    /** The stored offsets of those of these partitions that have one, without locking. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> stored(
            String consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = sorted(partitions);
        Map<TopicPartition, Long> next = new TreeMap<>(ConsumerOffsets::compare);
        sql.query(
                "select o.topic, o.partition, o.next_offset from consumer_offset o join unnest(?,"
                        + " ?) as u(topic, partition) on o.topic = u.topic and o.partition ="
                        + " u.partition where o.consumer = ?",
                row ->
                        next.put(
                                new TopicPartition(row.getString("topic"), row.getInt("partition")),
                                row.getLong("next_offset")),
                Column.text(ordered.stream().map(TopicPartition::topic).toList()),
                Column.longs(ordered.stream().map(p -> (long) p.partition()).toList()),
                consumer);
        return next;
    }

    private static List<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        return partitions.stream().sorted(ConsumerOffsets::compare).toList();
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
