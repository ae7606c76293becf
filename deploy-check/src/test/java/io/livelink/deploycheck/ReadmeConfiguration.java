package io.livelink.deploycheck;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables of docs/configuration.md's table: the names the services read, and so
 * the only names deployments may set for them.
 */
final class ReadmeConfiguration {

    private static final Pattern NAME = Pattern.compile("`([A-Z0-9_]+)`");

    private ReadmeConfiguration() {}

    static Set<String> variables() {
        String readme = Checkout.read("docs/configuration.md");
        int start = readme.indexOf("\n## Configuration");
        if (start < 0) {
            throw new AssertionError("docs/configuration.md has no '## Configuration' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher matcher = NAME.matcher(firstCell);
            String previous = null;
            while (matcher.find()) {
                String name = matcher.group(1);
                // "`QUARKUS_DATASOURCE_USERNAME` / `_PASSWORD`": a suffix of the name before it.
                if (name.startsWith("_") && previous != null) {
                    name = previous.substring(0, previous.lastIndexOf('_')) + name;
                }
                names.add(name);
                previous = name;
            }
        }
        if (names.isEmpty()) {
            throw new AssertionError("docs/configuration.md names no variables");
        }
        return names;
    }
}
