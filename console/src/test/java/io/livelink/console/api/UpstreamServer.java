package io.livelink.console.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for a service behind the console: it answers what it received
 * (method, path, query, Authorization, body), and serves an event stream whose second event is
 * written only once the test has read the first, so a forwarder that buffered would hang.
 */
public class UpstreamServer implements QuarkusTestResourceLifecycleManager {

    static volatile CompletableFuture<Void> firstEventRead = new CompletableFuture<>();
    static volatile CompletableFuture<Void> headSeen = new CompletableFuture<>();
    static volatile int port;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server =
                vertx.createHttpServer()
                        .requestHandler(
                                request -> {
                                    if (request.path().endsWith("/quiet-events")) {
                                        // A feed with nothing to say yet: the head only, as
                                        // Quarkus sends it, then an event once asked for.
                                        request.response()
                                                .setChunked(true)
                                                .putHeader("Content-Type", "text/event-stream")
                                                .writeHead();
                                        headSeen.whenComplete(
                                                (ok, failure) ->
                                                        request.response()
                                                                .end("data: {\"n\":1}\n\n"));
                                        return;
                                    }
                                    if (request.path().endsWith("/events")) {
                                        request.response()
                                                .setChunked(true)
                                                .putHeader("Content-Type", "text/event-stream")
                                                .write("data: {\"n\":1}\n\n");
                                        firstEventRead.whenComplete(
                                                (ok, failure) ->
                                                        request.response()
                                                                .end("data: {\"n\":2}\n\n"));
                                        return;
                                    }
                                    request.body()
                                            .onSuccess(
                                                    body ->
                                                            request.response()
                                                                    .putHeader(
                                                                            "Content-Type",
                                                                            "application/json")
                                                                    .end(
                                                                            new JsonObject()
                                                                                    .put(
                                                                                            "method",
                                                                                            request.method()
                                                                                                    .name())
                                                                                    .put(
                                                                                            "path",
                                                                                            request
                                                                                                    .path())
                                                                                    .put(
                                                                                            "query",
                                                                                            request
                                                                                                    .query())
                                                                                    .put(
                                                                                            "authorization",
                                                                                            request
                                                                                                    .getHeader(
                                                                                                            "Authorization"))
                                                                                    .put(
                                                                                            "host",
                                                                                            request
                                                                                                    .getHeader(
                                                                                                            "Host"))
                                                                                    .put(
                                                                                            "body",
                                                                                            body
                                                                                                    .toString())
                                                                                    .encode()));
                                })
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .join();
        port = server.actualPort();
        String base = "http://127.0.0.1:" + port;
        return Map.of(
                "livelink.console.api.link-url", base,
                "livelink.console.api.permission-url", base + "/behind/a/path/",
                "livelink.console.api.analytics-url", base);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
        }
    }
}
