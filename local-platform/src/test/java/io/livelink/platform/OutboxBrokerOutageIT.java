package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.LinkIssued;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.events.ViewEvent;
import io.livelink.testsupport.EmbeddedKafkaServer;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.KafkaTopics;
import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox under a broker outage: with Kafka stopped mid-test, link-service still
 * issues and resolves links, and every event of that time arrives once the broker is back.
 */
class OutboxBrokerOutageIT {

    private static Path kafkaData;
    private static int kafkaPort;
    private static EmbeddedKafkaServer kafka;
    private static ServiceProcess linkService;

    @BeforeAll
    static void ownBrokerAndLinkService() throws IOException {
        kafkaData = Files.createTempDirectory("livelink-outage-kafka");
        kafkaPort = RunningServices.freePort();
        kafka = EmbeddedKafkaServer.startPersistent(kafkaData, kafkaPort);
        KafkaTopics.ensure(kafka.bootstrapServers(), 3);
        InfrastructureEndpoints shared = RealInfrastructure.shared();
        InfrastructureEndpoints ours =
                new InfrastructureEndpoints(
                        kafka.bootstrapServers(),
                        shared.jdbcUrl(),
                        shared.dbUser(),
                        shared.dbPassword(),
                        "own",
                        shared.databaseOrigin());
        int port = RunningServices.freePort();
        Map<String, String> environment =
                new java.util.HashMap<>(
                        RunningServices.environmentFor(
                                ours,
                                TestTokens.issuer().publicKeyPem(),
                                LocalLinkKeys.random(),
                                port));
        // The database is shared with the other ITs; this service's schema is its own.
        linkService =
                ServiceProcess.start(
                        LiveLinkService.LINK,
                        "link-service-outage",
                        LiveLinkService.LINK.runnableJar(Path.of("").toAbsolutePath().getParent()),
                        port,
                        environment,
                        Files.createDirectories(Path.of("target/it-logs")));
        linkService.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (linkService != null) {
            linkService.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void linksAreIssuedWhileTheBrokerIsDownAndEveryEventArrivesAfterwards() {
        String tenant = "outage-" + UUID.randomUUID();
        EventsOnKafka events = new EventsOnKafka(kafka.bootstrapServers());
        events.publish(
                new TenantSettingsChanged(
                        tenant,
                        true,
                        BroadcastPolicy.SELECTED_MEMBERS,
                        "Asia/Shanghai",
                        Instant.now()));
        events.publish(
                new TenantQualificationChanged(
                        tenant, StreamType.H5, QualificationStatus.VERIFIED, null, Instant.now()));
        String admin = TestTokens.tenantAdmin(tenant);
        String base = linkService.baseUrl();
        String streamId =
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(admin)
                                                .contentType(ContentType.JSON)
                                                .body(
                                                        Map.of(
                                                                "type",
                                                                "H5",
                                                                "title",
                                                                "During the outage"))
                                                .post(base + "/streams")
                                                .then()
                                                .extract()
                                                .path("id"),
                                id -> id != null);

        kafka.close();

        List<String> linkIds = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var issued =
                    given().auth()
                            .oauth2(admin)
                            .contentType(ContentType.JSON)
                            .body(Map.of("channel", "weibo"))
                            .post(base + "/streams/" + streamId + "/links")
                            .then()
                            .statusCode(201)
                            .extract();
            linkIds.add(issued.path("linkId"));
            String url = issued.path("url");
            sessions.add(
                    given().get(url.replaceFirst("^https?://[^/]+", base))
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("viewSessionId"));
        }

        kafka = EmbeddedKafkaServer.startPersistent(kafkaData, kafkaPort);
        events = new EventsOnKafka(kafka.bootstrapServers());

        // The relay may send an event twice after an outage (consumers deduplicate); count each
        // once.
        Set<String> seenLinks = new java.util.HashSet<>();
        Set<String> announced =
                events
                        .awaitEvents(
                                LinkIssued.class,
                                e -> linkIds.contains(e.linkId()) && seenLinks.add(e.linkId()),
                                5,
                                Duration.ofSeconds(90))
                        .stream()
                        .map(LinkIssued::linkId)
                        .collect(Collectors.toSet());
        assertThat(announced).containsExactlyInAnyOrderElementsOf(linkIds);
        Set<String> seenSessions = new java.util.HashSet<>();
        Set<String> joined =
                events
                        .awaitEvents(
                                ViewEvent.class,
                                e ->
                                        sessions.contains(e.sessionId())
                                                && seenSessions.add(e.sessionId()),
                                5,
                                Duration.ofSeconds(90))
                        .stream()
                        .map(ViewEvent::sessionId)
                        .collect(Collectors.toSet());
        assertThat(joined).containsExactlyInAnyOrderElementsOf(sessions);
    }
}
