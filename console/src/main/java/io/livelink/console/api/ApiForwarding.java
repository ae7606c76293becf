package io.livelink.console.api;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Gives the browser one origin: {@code /api/link/**}, {@code /api/permission/**} and {@code
 * /api/analytics/**} are forwarded to the services by Vert.x's reverse proxy. Bodies are streamed
 * in both directions (nothing is buffered), so uploads stay small in memory and Server-Sent Events
 * reach the page as the service writes them; the Authorization header passes unchanged, so each
 * service checks the caller's token itself and the console holds no API rights of its own.
 */
@Singleton
public class ApiForwarding {

    static final String LINK_PREFIX = "/api/link";
    static final String PERMISSION_PREFIX = "/api/permission";
    static final String ANALYTICS_PREFIX = "/api/analytics";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ApiSettings settings;

    public ApiForwarding(ApiSettings settings) {
        this.settings = settings;
    }

    void route(@Observes Router router, Vertx vertx) {
        // No idle timeout: a dashboard's event stream may stay quiet for minutes between viewers.
        HttpClient client =
                vertx.createHttpClient(
                        new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64));
        for (ApiOrigin origin : origins()) {
            RequestOptions toOrigin =
                    new RequestOptions()
                            .setServer(
                                    SocketAddress.inetSocketAddress(origin.port(), origin.host()))
                            .setSsl(origin.tls());
            HttpProxy proxy =
                    HttpProxy.reverseProxy(client)
                            .origin(context -> context.client().request(toOrigin))
                            .addInterceptor(new ToOrigin(origin));
            router.route(origin.prefix() + "/*")
                    .handler(context -> proxy.handle(context.request()));
            Log.infof(
                    "forwarding %s/** to %s://%s:%d%s",
                    origin.prefix(),
                    origin.tls() ? "https" : "http",
                    origin.host(),
                    origin.port(),
                    origin.basePath());
        }
    }

    List<ApiOrigin> origins() {
        return List.of(
                ApiOrigin.of(LINK_PREFIX, settings.linkUrl()),
                ApiOrigin.of(PERMISSION_PREFIX, settings.permissionUrl()),
                ApiOrigin.of(ANALYTICS_PREFIX, settings.analyticsUrl()));
    }

    /**
     * Rewrites the console's path to the service's and names the service as the Host, as a reverse
     * proxy in front of it would; the browser's origin is kept in X-Forwarded-Host.
     */
    private record ToOrigin(ApiOrigin origin) implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            var request = context.request();
            HostAndPort browserFacing = request.getAuthority();
            if (browserFacing != null) {
                request.putHeader("X-Forwarded-Host", browserFacing.toString());
            }
            request.setURI(origin.originUri(request.getURI()));
            request.setAuthority(HostAndPort.create(origin.host(), origin.port()));
            return context.sendRequest();
        }

        /**
         * An event stream's head goes to the browser at once: the proxy would otherwise send it
         * with the first event, and a dashboard could not tell a connected, quiet feed (no viewers
         * yet) from one still connecting.
         */
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            Future<Void> sent = context.sendResponse();
            String type = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
            HttpServerResponse browser = context.request().proxiedRequest().response();
            if (type != null && type.startsWith(EVENT_STREAM) && !browser.headWritten()) {
                browser.writeHead();
            }
            return sent;
        }
    }
}
