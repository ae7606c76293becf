package io.livelink.link.view;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revocation kicks: the players a media server let in through this instance's play callback are
 * remembered with their session, and when the session's link is revoked or its member leaves, the
 * server is told to drop them (nginx-rtmp's control module, SRS's and MediaMTX's HTTP APIs). HLS
 * players hold no connection: their short-lived play URL and refused heartbeats stop them.
 */
@ApplicationScoped
public class MediaKicks {

    private record Connected(ViewSessionToken session, MediaClient client) {}

    private final Map<MediaClient, Connected> connected = new ConcurrentHashMap<>();
    private final MediaSettings settings;
    private final RevocationState revocations;
    private final HttpClient http;

    public MediaKicks(MediaSettings settings, RevocationState revocations) {
        this.settings = settings;
        this.revocations = revocations;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    void listen(@Observes StartupEvent startup) {
        revocations.addListener(this::revoked);
    }

    void connected(ViewSessionToken session, MediaClient client) {
        if (client != null && client.droppable()) {
            connected.put(client, new Connected(session, client));
        }
    }

    void disconnected(MediaClient client) {
        if (client != null) {
            connected.remove(client);
        }
    }

    /** How many connections this instance would drop on a revocation (for tests and metrics). */
    int connections() {
        return connected.size();
    }

    private void revoked(RevocationState.Revoked revoked) {
        connected.values().stream()
                .filter(c -> affects(revoked, c.session()))
                .forEach(c -> drop(c.client()));
    }

    private static boolean affects(RevocationState.Revoked revoked, ViewSessionToken session) {
        if (revoked.linkId() != null) {
            return revoked.linkId().equals(session.linkId());
        }
        return session.ofMember()
                && revoked.tenantId().equals(session.tenantId())
                && revoked.memberId().equals(session.viewerId());
    }

    CompletableFuture<Boolean> drop(MediaClient client) {
        Optional<HttpRequest> request = dropRequest(client);
        if (request.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding())
                .handle(
                        (response, failure) -> {
                            connected.remove(client);
                            if (failure != null || response.statusCode() >= 400) {
                                Log.warnf(
                                        "%s did not drop client %s of %s: %s",
                                        client.server(),
                                        client.clientId(),
                                        client.stream(),
                                        failure != null
                                                ? failure.toString()
                                                : response.statusCode());
                                return false;
                            }
                            Log.infof(
                                    "%s dropped client %s of %s (session revoked)",
                                    client.server(), client.clientId(), client.stream());
                            return true;
                        });
    }

    private Optional<HttpRequest> dropRequest(MediaClient client) {
        return switch (client.server()) {
            case NGINX_RTMP ->
                    settings.nginxRtmpUrl()
                            .map(
                                    base ->
                                            get(
                                                    trim(base)
                                                            + "/drop/client?app="
                                                            + encode(client.app())
                                                            + "&name="
                                                            + encode(client.stream())
                                                            + "&clientid="
                                                            + encode(client.clientId())));
            case SRS ->
                    settings.srsApiUrl()
                            .map(
                                    base ->
                                            request(
                                                            trim(base)
                                                                    + "/api/v1/clients/"
                                                                    + encode(client.clientId()))
                                                    .DELETE()
                                                    .build());
            case MEDIAMTX ->
                    settings.mediamtxApiUrl()
                            .flatMap(
                                    base ->
                                            mediaMtxCollection(client.app())
                                                    .map(
                                                            collection ->
                                                                    request(
                                                                                    trim(base)
                                                                                            + "/v3/"
                                                                                            + collection
                                                                                            + "/kick/"
                                                                                            + encode(
                                                                                                    client
                                                                                                            .clientId()))
                                                                            .POST(
                                                                                    HttpRequest
                                                                                            .BodyPublishers
                                                                                            .noBody())
                                                                            .build()));
        };
    }

    /** MediaMTX keeps one collection of connections per protocol. */
    static Optional<String> mediaMtxCollection(String protocol) {
        return Optional.ofNullable(
                switch (protocol == null ? "" : protocol) {
                    case "rtmp" -> "rtmpconns";
                    case "rtsp" -> "rtspsessions";
                    case "webrtc" -> "webrtcsessions";
                    case "srt" -> "srtconns";
                    default -> null;
                });
    }

    private HttpRequest get(String url) {
        return request(url).GET().build();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout());
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
