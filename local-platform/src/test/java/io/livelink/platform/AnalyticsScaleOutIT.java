package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of analytics-service in one consumer group share the view-event partitions, and the
 * counts stay exact, duplicates included: no state lives in one instance's memory.
 */
class AnalyticsScaleOutIT {

    private static final List<ServiceProcess> instances = new ArrayList<>();

    /** When every session of the test was opened, as its viewer's signed token would say. */
    private static final Instant SESSIONS_OPENED = Instant.now();

    private static InfrastructureEndpoints infrastructure;

    @BeforeAll
    static void twoInstances() throws IOException {
        infrastructure = RealInfrastructure.shared();
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path logs = Files.createDirectories(Path.of("target/it-logs"));
        Map<String, String> environment =
                new HashMap<>(
                        RunningServices.environmentFor(
                                infrastructure,
                                TestTokens.issuer().publicKeyPem(),
                                io.livelink.testsupport.LocalLinkKeys.random(),
                                RunningServices.freePort()));
        // One view-event consumer per instance (the default is several), so that the consumers
        // holding partitions below are the two instances.
        environment.put("LIVELINK_ANALYTICS_CONSUMERS", "1");
        for (String name : List.of("analytics-service-a", "analytics-service-b")) {
            ServiceProcess instance =
                    ServiceProcess.start(
                            LiveLinkService.ANALYTICS,
                            name,
                            LiveLinkService.ANALYTICS.runnableJar(checkout),
                            RunningServices.freePort(),
                            environment,
                            logs);
            instances.add(instance);
        }
        for (ServiceProcess instance : instances) {
            instance.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(ServiceProcess::close);
    }

    @Test
    void bothInstancesConsumeAndEveryCountIsExact() throws Exception {
        String tenant = "scale-" + UUID.randomUUID();
        Random random = new Random(7);
        Map<String, Integer> expectedJoins = new HashMap<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int s = 0; s < 24; s++) {
            String stream = UUID.randomUUID().toString();
            int joins = 20 + random.nextInt(40);
            expectedJoins.put(stream, joins);
            for (int v = 0; v < joins; v++) {
                ProducerRecord<String, String> join =
                        EventsOnKafka.recordOf(view(tenant, stream, "uid-" + v, ViewKind.JOIN));
                records.add(join);
                if (random.nextInt(10) == 0) {
                    records.add(join); // redelivered: must not count twice
                }
                records.add(
                        EventsOnKafka.recordOf(view(tenant, stream, "uid-" + v, ViewKind.LEAVE)));
            }
        }
        EventsOnKafka.shared().publishRecords(records);

        String token = TestTokens.tenantAdmin(tenant);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            for (Map.Entry<String, Integer> stream : expectedJoins.entrySet()) {
                                // Either instance answers the same: the totals live in PostgreSQL.
                                for (ServiceProcess instance : instances) {
                                    int views =
                                            given().auth()
                                                    .oauth2(token)
                                                    .get(
                                                            instance.baseUrl()
                                                                    + "/streams/"
                                                                    + stream.getKey()
                                                                    + "/views")
                                                    .then()
                                                    .statusCode(200)
                                                    .extract()
                                                    .path("views");
                                    assertThat(views)
                                            .as(stream.getKey())
                                            .isEqualTo(stream.getValue());
                                }
                            }
                        });

        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group =
                    admin.describeConsumerGroups(List.of("analytics-service"))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get("analytics-service");
            // Each instance has one consumer per channel in the group; two of them hold view
            // partitions.
            assertThat(
                            group.members().stream()
                                    .filter(member -> assignedViewPartitions(member) > 0))
                    .as("view-event consumers holding partitions")
                    .hasSize(2);
        }
    }

    private static long assignedViewPartitions(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals("livelink.view-events"))
                .count();
    }

    private static ViewEvent view(String tenant, String stream, String viewer, ViewKind kind) {
        return new ViewEvent(
                stream,
                tenant,
                StreamType.H5,
                "link-1",
                viewer,
                ViewerIdKind.CLOUD_UID,
                "session-" + viewer,
                kind,
                Playback.LIVE,
                Device.MOBILE,
                "weibo",
                "weibo",
                null,
                null,
                Instant.now(),
                SESSIONS_OPENED);
    }
}
