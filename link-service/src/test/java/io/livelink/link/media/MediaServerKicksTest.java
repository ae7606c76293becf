package io.livelink.link.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.livelink.events.BroadcastPolicy;
import io.livelink.events.StreamType;
import io.livelink.link.TenantFixtures;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.RealInfrastructureResource;
import io.livelink.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Revocation kicks on SRS and MediaMTX: neither ships in Debian, so their HTTP APIs are stood in
 * for by a recorder of the requests LiveLink makes, checked against what each documents (SRS {@code
 * DELETE /api/v1/clients/{id}}, MediaMTX {@code POST /v3/rtmpconns/kick/{id}}). The nginx-rtmp drop
 * is tested against the real server in {@link NginxRtmpPublishTest}.
 */
@QuarkusTest
@TestProfile(CallbackSecretProfile.class)
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class MediaServerKicksTest {

    private final EventsOnKafka kafka = EventsOnKafka.shared();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void revokingALinkDropsItsViewersFromSrsAndMediaMtx() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer api =
                HttpServer.create(
                        new InetSocketAddress("127.0.0.1", CallbackSecretProfile.MEDIA_API_PORT),
                        0);
        api.createContext(
                "/",
                exchange -> {
                    requests.add(
                            exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        api.start();
        try {
            TenantFixtures.qualifiedTenant(
                    kafka, tenant, BroadcastPolicy.SELECTED_MEMBERS, StreamType.H5);
            String stream = MediaFixtures.adminStream(tenant).streamId();
            MediaFixtures.View revoked = MediaFixtures.view(tenant, stream);
            MediaFixtures.View kept = MediaFixtures.view(tenant, stream);
            String mediaMtxConnection = UUID.randomUUID().toString();

            srsPlay(stream, revoked.token(), "srs-revoked").statusCode(200);
            srsPlay(stream, kept.token(), "srs-kept").statusCode(200);
            given().contentType(ContentType.JSON)
                    .body(
                            Map.of(
                                    "action",
                                    "read",
                                    "path",
                                    "live/" + stream,
                                    "protocol",
                                    "rtmp",
                                    "id",
                                    mediaMtxConnection,
                                    "query",
                                    "session=" + revoked.token()))
                    .post("/media/mediamtx/auth?secret=" + CallbackSecretProfile.SECRET)
                    .then()
                    .statusCode(204);

            given().auth()
                    .oauth2(TestTokens.tenantAdmin(tenant))
                    .post("/links/" + revoked.linkId() + "/revoke")
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(1))
                    .untilAsserted(
                            () ->
                                    assertThat(requests)
                                            .containsExactlyInAnyOrder(
                                                    "DELETE /api/v1/clients/srs-revoked",
                                                    "POST /v3/rtmpconns/kick/"
                                                            + mediaMtxConnection));
            Thread.sleep(300);
            assertThat(requests).as("the viewer of the other link stays").hasSize(2);
        } finally {
            api.stop(0);
        }
    }

    private static io.restassured.response.ValidatableResponse srsPlay(
            String stream, String session, String clientId) {
        return given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "action", "on_play",
                                "client_id", clientId,
                                "ip", "127.0.0.1",
                                "vhost", "__defaultVhost__",
                                "app", "live",
                                "stream", stream,
                                "param", "?session=" + session))
                .post("/media/srs/hooks?secret=" + CallbackSecretProfile.SECRET)
                .then();
    }
}
