package io.livelink.link.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one argument from a URL query string as media servers pass it ({@code ?key=…&session=…}).
 */
final class QueryStrings {

    private QueryStrings() {}

    static Optional<String> argument(String query, String name) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        String rest = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : rest.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
