package io.livelink.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livelink.testsupport.LocalJwtIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo tenant's H5 stream, ready for an encoder on this machine: the stream (reused while it
 * has not ended), where to publish it and an H5 link to watch it, asked of link-service's own API
 * as a tenant admin would.
 */
record DemoStream(String streamId, String publishUrl, String linkId, String watchUrl) {

    static final String TITLE = "LiveLink demo · 演示直播";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits (up to a minute) until link-service has heard of the demo tenant's verification. */
    static DemoStream prepare(String linkService, LocalJwtIssuer issuer) {
        String admin =
                issuer.mint(
                        "tenant-admin",
                        DemoTenant.ID,
                        "admin-of-" + DemoTenant.ID,
                        Duration.ofMinutes(5));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        JsonNode stream = existing(linkService, admin);
        while (stream == null) {
            JsonNode created =
                    send(
                            linkService,
                            admin,
                            "POST",
                            "/streams",
                            "{\"type\":\"H5\",\"title\":\""
                                    + TITLE
                                    + "\",\"description\":\"ffmpeg test pattern\"}");
            if (created.has("id")) {
                stream = created;
            } else if (System.nanoTime() > deadline) {
                throw new PlatformException("the demo stream could not be created: " + created);
            } else {
                pause();
            }
        }
        String streamId = stream.path("id").asText();
        JsonNode link =
                send(
                        linkService,
                        admin,
                        "POST",
                        "/streams/" + streamId + "/links",
                        "{\"channel\":\"demo\"}");
        if (!link.has("url")) {
            throw new PlatformException("no link for the demo stream: " + link);
        }
        return new DemoStream(
                streamId,
                stream.path("publishUrl").asText(),
                link.path("linkId").asText(),
                link.path("url").asText());
    }

    /** The ffmpeg command that publishes a test pattern with a tone to the stream. */
    String ffmpegCommand() {
        return "ffmpeg -re -f lavfi -i testsrc=size=640x360:rate=25 -f lavfi -i sine=frequency=440"
                + " -c:v libx264 -preset veryfast -tune zerolatency -g 50 -c:a aac -f flv '"
                + publishUrl
                + "'";
    }

    private static JsonNode existing(String linkService, String admin) {
        JsonNode page = send(linkService, admin, "GET", "/streams?size=500", null);
        for (JsonNode stream : page.isArray() ? page : page.path("items")) {
            if (TITLE.equals(stream.path("title").asText())
                    && !"ENDED".equals(stream.path("state").asText())
                    && stream.hasNonNull("publishUrl")) {
                return stream;
            }
        }
        return null;
    }

    private static JsonNode send(
            String linkService, String token, String method, String path, String json) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(linkService + path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json");
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            throw new PlatformException("link-service did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while preparing the demo stream");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while preparing the demo stream");
        }
    }
}
