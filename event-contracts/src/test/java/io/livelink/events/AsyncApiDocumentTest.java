package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AsyncAPI document must describe exactly the topics and events the code uses. */
class AsyncApiDocumentTest {

    private static final JsonNode DOCUMENT = load();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventIsAMessageOnItsTopicWithItsSchema(EventType type) {
        String name = type.payload().getSimpleName();
        JsonNode message = DOCUMENT.at("/components/messages/" + name);
        assertThat(message.path("name").asText()).isEqualTo(type.typeName());
        assertThat(message.at("/payload/schema/$ref").asText())
                .isEqualTo("." + type.schemaResource());

        List<String> addresses = new ArrayList<>();
        DOCUMENT.path("channels")
                .forEach(
                        channel -> {
                            if (channel.path("messages").has(name)) {
                                addresses.add(channel.path("address").asText());
                            }
                        });
        assertThat(addresses).containsExactly(type.topic());
    }

    @Test
    void everyTopicIsAChannel() {
        List<String> addresses = new ArrayList<>();
        DOCUMENT.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsAll(Topics.ALL).contains(Topics.DEAD_LETTER);
    }

    @Test
    void everyReferencedSchemaIsOnTheClasspath() {
        DOCUMENT.at("/components/messages")
                .forEach(
                        message -> {
                            String ref = message.at("/payload/schema/$ref").asText().substring(1);
                            assertThat(AsyncApiDocumentTest.class.getResource(ref))
                                    .as(ref)
                                    .isNotNull();
                        });
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("asyncapi.yaml unreadable", e);
        }
    }
}
