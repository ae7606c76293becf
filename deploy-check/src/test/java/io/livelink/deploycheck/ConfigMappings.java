package io.livelink.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code livelink.*} keys the services declare in their {@code @ConfigMapping} interfaces, read
 * from the sources (deploy-check does not put the services on its class path), and the aliases
 * their properties files give some of them ({@code key=${LIVELINK_SHORTER:default}}).
 *
 * <p>It reads the mappings as the services write them: an interface with {@code @ConfigMapping
 * (prefix = "…")}, one abstract method without parameters a key, named by SmallRye's default
 * (camelCase to kebab-case), and a method returning a nested interface of the file a group of keys.
 * Anything else that decides a name ({@code @WithName}, {@code @WithParentName}) fails loudly, so
 * the scanner is taught it rather than miss a key.
 */
final class ConfigMappings {

    /**
     * The modules whose mappings the deployed applications load: the three services, their commons,
     * and the console.
     */
    static final List<String> MODULES =
            Stream.concat(
                            Checkout.serviceModules().stream(),
                            Stream.of("service-commons", "console"))
                    .toList();

    private static final Pattern MAPPING =
            Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern KEY_METHOD =
            Pattern.compile("([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern UNSUPPORTED = Pattern.compile("@With(Name|ParentName)\\b");
    private static final Pattern ALIAS = Pattern.compile("\\$\\{(LIVELINK_[A-Z0-9_]+)[:}]");

    private ConfigMappings() {}

    /** Every declared key and the file that declares it, sorted by key. */
    static Map<String, Path> declaredKeys() {
        Map<String, Path> keys = new TreeMap<>();
        for (String module : MODULES) {
            for (Path source : javaSources(module)) {
                String raw = read(source);
                if (!raw.contains("@ConfigMapping")) {
                    continue;
                }
                String text = withoutComments(raw);
                Matcher mapping = MAPPING.matcher(text);
                if (!mapping.find()) {
                    continue;
                }
                if (UNSUPPORTED.matcher(text).find()) {
                    throw new AssertionError(
                            source
                                    + " names a key with @WithName or @WithParentName, which"
                                    + " ConfigMappings does not read yet");
                }
                Matcher root = INTERFACE.matcher(text);
                if (!root.find(mapping.end())) {
                    throw new AssertionError(source + ": no interface after @ConfigMapping");
                }
                for (String key : keys(text, root.end(), mapping.group(1))) {
                    keys.put(key, source);
                }
            }
        }
        return keys;
    }

    /**
     * Aliases from the services' properties files: the environment variable a line reads and the
     * key it sets ({@code livelink.analytics.rollups.grace=${LIVELINK_ANALYTICS_GRACE:PT30S}}).
     * Profile lines ({@code %test.…}) are left out: deployments do not set them.
     */
    static Map<String, String> aliases() {
        Map<String, String> aliases = new TreeMap<>();
        for (String module : MODULES) {
            for (Path file : propertiesFiles(module)) {
                Properties properties = load(file);
                for (String key : properties.stringPropertyNames()) {
                    if (key.startsWith("%")) {
                        continue;
                    }
                    Matcher alias = ALIAS.matcher(properties.getProperty(key));
                    while (alias.find()) {
                        aliases.put(alias.group(1), key);
                    }
                }
            }
        }
        return aliases;
    }

    /** MicroProfile Config's environment name of a key: non-alphanumerics to _, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The keys of the interface whose body starts at {@code bodyStart}, groups included. */
    private static List<String> keys(String text, int bodyStart, String prefix) {
        List<String> keys = new ArrayList<>();
        String body = text.substring(bodyStart, closingBrace(text, bodyStart));
        for (String member : topLevelStatements(body)) {
            Matcher method = KEY_METHOD.matcher(member);
            if (!method.find() || member.contains("default ") || member.contains("static ")) {
                continue;
            }
            String type = method.group(1);
            String name = prefix + "." + kebab(method.group(2));
            Matcher group =
                    Pattern.compile("\\binterface\\s+" + type + "\\b[^{]*\\{").matcher(text);
            if (group.find()) {
                keys.addAll(keys(text, group.end(), name));
            } else {
                keys.add(name);
            }
        }
        return keys;
    }

    /** The statements at depth 0 of a body: text between semicolons outside nested braces. */
    private static List<String> topLevelStatements(String body) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    current.setLength(0);
                }
            } else if (depth == 0) {
                current.append(c);
                if (c == ';') {
                    statements.add(current.toString().strip());
                    current.setLength(0);
                }
            }
        }
        return statements;
    }

    private static int closingBrace(String text, int bodyStart) {
        int depth = 1;
        for (int i = bodyStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced braces");
    }

    /** SmallRye's default: {@code maxAttempts} → {@code max-attempts}. */
    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The text without comments and with string literals emptied, so neither a brace in a default
     * nor a commented-out method is read as code; the prefix is read before this.
     */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("'\"'", i)) {
                out.append("' '");
                i += 3;
            } else if (source.charAt(i) == '"') {
                int end = i + 1;
                while (source.charAt(end) != '"') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                String literal = source.substring(i, end + 1);
                // The prefix is the one literal the scanner needs; the rest only hide braces.
                boolean prefix = source.substring(Math.max(0, i - 40), i).contains("prefix");
                out.append(prefix ? literal : "\"\"");
                i = end + 1;
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    private static List<Path> javaSources(String module) {
        Path root = Checkout.path(module + "/src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> propertiesFiles(String module) {
        return Stream.of(
                        "/src/main/resources/application.properties",
                        "/src/main/resources/META-INF/microprofile-config.properties")
                .map(relative -> Checkout.path(module + relative))
                .filter(Files::isRegularFile)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
