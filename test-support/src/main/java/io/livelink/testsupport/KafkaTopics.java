package io.livelink.testsupport;

import io.livelink.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates LiveLink's topics on a broker, leaving existing ones as they are. */
public final class KafkaTopics {

    private KafkaTopics() {}

    public static void ensure(String bootstrapServers, int partitions) {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    java.util.stream.Stream.concat(
                                    Topics.ALL.stream(),
                                    java.util.stream.Stream.of(Topics.DEAD_LETTER))
                            .filter(name -> !existing.contains(name))
                            .map(name -> new NewTopic(name, partitions, (short) 1))
                            .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e);
        }
    }

    /**
     * Creation returns before the broker serves the new partitions; producing at once can then be
     * refused and reordered (KAFKA-15591). Wait until every partition has a leader.
     */
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ready =
                    admin
                            .describeTopics(topics)
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .values()
                            .stream()
                            .flatMap(description -> description.partitions().stream())
                            .allMatch(
                                    partition ->
                                            partition.leader() != null
                                                    && !partition.leader().isEmpty());
            if (ready) {
                return;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("partitions of " + topics + " have no leader after 30 s");
    }
}
