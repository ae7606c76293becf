package io.livelink.console.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console speaks zh-CN and English alike: both dictionaries carry the same keys, no text is
 * left empty, and every key the app's code asks for by name is in them.
 */
class I18nDictionariesTest {

    private static final Path RESOURCES = Path.of("src/main/resources/META-INF/resources");
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\('([A-Za-z][\\w.-]*\\w)'");
    private static final Pattern PREFIX_KEY =
            Pattern.compile("\\bt\\('([A-Za-z][\\w.-]*\\.)'\\s*\\+");

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Map<String, String> chinese = dictionary("zh-CN");
        Map<String, String> english = dictionary("en");

        assertThat(new TreeSet<>(chinese.keySet()))
                .as("keys of zh-CN.json against en.json")
                .isEqualTo(new TreeSet<>(english.keySet()));
    }

    @Test
    void noTextIsEmpty() throws IOException {
        for (String language : Set.of("zh-CN", "en")) {
            assertThat(dictionary(language))
                    .as(language)
                    .allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheDictionaries() throws IOException {
        Map<String, String> english = dictionary("en");
        Set<String> missing = new TreeSet<>();
        Set<String> prefixesWithoutKeys = new TreeSet<>();
        for (Path script : scripts()) {
            String code = Files.readString(script);
            Matcher literal = LITERAL_KEY.matcher(code);
            while (literal.find()) {
                if (!english.containsKey(literal.group(1))) {
                    missing.add(literal.group(1) + " (" + script.getFileName() + ")");
                }
            }
            Matcher prefix = PREFIX_KEY.matcher(code);
            while (prefix.find()) {
                String start = prefix.group(1);
                if (english.keySet().stream().noneMatch(key -> key.startsWith(start))) {
                    prefixesWithoutKeys.add(start + " (" + script.getFileName() + ")");
                }
            }
        }
        assertThat(missing).as("keys the code asks for that no dictionary has").isEmpty();
        assertThat(prefixesWithoutKeys).as("key families the code builds that are empty").isEmpty();
    }

    @Test
    void everyStreamTypeStateAndRoleHasItsWords() throws IOException {
        Map<String, String> english = dictionary("en");
        for (String type : Set.of("MINI_PROGRAM", "H5", "ENTERPRISE")) {
            assertThat(english).containsKeys("streamType." + type, "streamType." + type + ".hint");
        }
        for (String state : Set.of("SCHEDULED", "LIVE", "ENDED")) {
            assertThat(english).containsKey("streamState." + state);
        }
        for (String role : Set.of("platform-admin", "tenant-admin", "member")) {
            assertThat(english).containsKey("role." + role);
        }
    }

    /** The export buttons' labels are built from report and format (views/reports.js EXPORTS). */
    @Test
    void everyExportAnalyticsOffersHasItsLabelAndEveryTypeItsHint() throws IOException {
        Map<String, String> english = dictionary("en");
        String reports = Files.readString(RESOURCES.resolve("app/views/reports.js"));
        Matcher entry =
                Pattern.compile("\\{ report: '(\\w+)', format: '(\\w+)' \\}").matcher(reports);
        Set<String> labels = new TreeSet<>();
        while (entry.find()) {
            labels.add("reports.export." + entry.group(1) + "." + entry.group(2));
        }
        assertThat(labels)
                .as(
                        "the six exports of SPEC: seconds and viewers as CSV and XLSX, minutes as JSON and PDF")
                .hasSize(6);
        assertThat(english).containsKeys(labels.toArray(String[]::new));
        for (String type : Set.of("MINI_PROGRAM", "H5", "ENTERPRISE")) {
            assertThat(english).containsKey("reports.exportsHint." + type);
        }
    }

    private static Map<String, String> dictionary(String language) throws IOException {
        return new ObjectMapper()
                .readValue(
                        RESOURCES.resolve("i18n/" + language + ".json").toFile(),
                        new TypeReference<Map<String, String>>() {});
    }

    private static Set<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("app"))) {
            return new TreeSet<>(files.filter(f -> f.toString().endsWith(".js")).toList());
        }
    }
}
