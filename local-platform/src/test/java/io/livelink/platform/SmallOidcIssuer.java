package io.livelink.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A small real OIDC issuer for browser tests: discovery, an authorization endpoint for a user who
 * is already signed in at the issuer (it redirects straight back with a code), and a token endpoint
 * that redeems a code once, only with the PKCE verifier of its S256 challenge, for the public
 * client and redirect URI it was issued to. The access token is whatever the test supplies (signed
 * with the local issuer's key, which the services trust). CORS is allowed to any origin, as an
 * issuer serving single-page apps does.
 */
final class SmallOidcIssuer implements AutoCloseable {

    static final String CLIENT_ID = "livelink-console";

    /** What the token endpoint was asked, and whether it handed out a token. */
    record Exchange(String clientId, String redirectUri, boolean verifierMatched, boolean issued) {}

    private record Authorization(String clientId, String redirectUri, String challenge) {}

    private final HttpServer server;
    private final Supplier<String> accessToken;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    SmallOidcIssuer(Supplier<String> accessToken) throws IOException {
        this.accessToken = accessToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Map<String, String>> authorizations() {
        return authorizations;
    }

    List<Exchange> exchanges() {
        return exchanges;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String json =
                "{\"issuer\":\""
                        + url()
                        + "\",\"authorization_endpoint\":\""
                        + url()
                        + "/authorize\",\"token_endpoint\":\""
                        + url()
                        + "/token\",\"response_types_supported\":[\"code\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"none\"]}";
        answer(exchange, 200, "application/json", json);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizations.add(query);
        boolean wellFormed =
                "code".equals(query.get("response_type"))
                        && CLIENT_ID.equals(query.get("client_id"))
                        && "S256".equals(query.get("code_challenge_method"))
                        && query.get("code_challenge") != null
                        && query.get("redirect_uri") != null;
        if (!wellFormed) {
            answer(exchange, 400, "text/plain", "invalid_request");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(
                code,
                new Authorization(
                        query.get("client_id"),
                        query.get("redirect_uri"),
                        query.get("code_challenge")));
        URI back =
                URI.create(
                        query.get("redirect_uri")
                                + "?code="
                                + code
                                + "&state="
                                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", back.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            answer(exchange, 204, "text/plain", "");
            return;
        }
        Map<String, String> body =
                form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Authorization authorization = codes.remove(String.valueOf(body.get("code")));
        boolean verifierMatched =
                authorization != null
                        && body.get("code_verifier") != null
                        && authorization.challenge().equals(s256(body.get("code_verifier")));
        boolean issued =
                verifierMatched
                        && "authorization_code".equals(body.get("grant_type"))
                        && authorization.clientId().equals(body.get("client_id"))
                        && authorization.redirectUri().equals(body.get("redirect_uri"));
        exchanges.add(
                new Exchange(
                        body.get("client_id"), body.get("redirect_uri"), verifierMatched, issued));
        if (!issued) {
            answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        answer(
                exchange,
                200,
                "application/json",
                "{\"access_token\":\""
                        + accessToken.get()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int at = pair.indexOf('=');
            String name = at < 0 ? pair : pair.substring(0, at);
            String value = at < 0 ? "" : pair.substring(at + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        if (status == 204 || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
