package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table and the services' {@code @ConfigMapping} interfaces cannot drift
 * apart: each key a service declares is in the table (as its environment name, or as the alias its
 * properties file reads), and each {@code LIVELINK_*} variable in the table is one a service reads.
 */
class ConfigurationTableTest {

    private final Set<String> table = ReadmeConfiguration.variables();
    private final Map<String, Path> declared = ConfigMappings.declaredKeys();
    private final Map<String, String> aliases = ConfigMappings.aliases();

    @Test
    void theScannerFindsTheMappingsOfEveryServiceAndTheirCommons() {
        assertThat(declared)
                .containsKeys(
                        "livelink.links.public-base-url",
                        "livelink.training.upload.max-attempts",
                        "livelink.webhooks.max-attempts",
                        "livelink.outbox.batch-size");
        assertThat(declared.keySet()).allMatch(key -> key.startsWith("livelink."));
        assertThat(ConfigMappings.environmentName("livelink.kafka-first.ack-timeout"))
                .isEqualTo("LIVELINK_KAFKA_FIRST_ACK_TIMEOUT");
    }

    @Test
    void everyDeclaredKeyIsInTheTable() {
        Set<String> missing = new TreeSet<>();
        for (String key : declared.keySet()) {
            String name = ConfigMappings.environmentName(key);
            boolean aliased =
                    aliases.entrySet().stream()
                            .anyMatch(a -> a.getValue().equals(key) && table.contains(a.getKey()));
            if (!table.contains(name) && !aliased) {
                missing.add(
                        name
                                + " ("
                                + key
                                + ", "
                                + Checkout.root().relativize(declared.get(key))
                                + ")");
            }
        }
        assertThat(missing)
                .as("keys declared in @ConfigMapping interfaces but not in docs/configuration.md")
                .isEmpty();
    }

    @Test
    void everyLiveLinkVariableInTheTableIsReadBySomeService() {
        Set<String> declaredNames = new TreeSet<>();
        declared.keySet().forEach(key -> declaredNames.add(ConfigMappings.environmentName(key)));
        Set<String> unread = new TreeSet<>();
        for (String variable : table) {
            if (variable.startsWith("LIVELINK_")
                    && !declaredNames.contains(variable)
                    && !aliases.containsKey(variable)) {
                unread.add(variable);
            }
        }
        assertThat(unread)
                .as(
                        "LIVELINK_* variables of docs/configuration.md that no @ConfigMapping"
                                + " declares and no properties file reads")
                .isEmpty();
    }
}
