package io.livelink.console.api;

import java.net.URI;

/**
 * One service behind the console: the path prefix the browser uses and where it lives. A request to
 * {@code {prefix}/streams?page=1} goes to {@code {base path}/streams?page=1} at the origin.
 */
record ApiOrigin(String prefix, String host, int port, boolean tls, String basePath) {

    static ApiOrigin of(String prefix, URI baseUrl) {
        boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        if (!tls && !"http".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "an API base URL must be http or https, not " + baseUrl);
        }
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : tls ? 443 : 80;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return new ApiOrigin(prefix, baseUrl.getHost(), port, tls, stripTrailingSlash(path));
    }

    /** The request's URI (path and query) as the origin receives it. */
    String originUri(String consoleUri) {
        String rest = consoleUri.substring(prefix.length());
        if (rest.isEmpty() || rest.startsWith("?")) {
            rest = "/" + rest;
        }
        return basePath + rest;
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
