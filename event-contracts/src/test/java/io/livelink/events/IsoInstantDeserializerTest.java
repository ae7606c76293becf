package io.livelink.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The codec reads instants as the JavaTimeModule alone read them, in every form. */
class IsoInstantDeserializerTest {

    private static final ObjectMapper JAVA_TIME_MODULE =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsTextAsTheJavaTimeModuleDid() throws JsonProcessingException {
        List<String> texts = new ArrayList<>(OddDateTimes.CURATED);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            texts.add(OddDateTimes.random(random));
        }
        for (String text : texts) {
            String json = JAVA_TIME_MODULE.writeValueAsString(text);
            assertThat(read(EventCodec.mapper(), json))
                    .as(json)
                    .isEqualTo(read(JAVA_TIME_MODULE, json));
        }
    }

    @Test
    void readsNumbersAndOtherValuesAsTheJavaTimeModuleDid() {
        for (String json :
                List.of(
                        "1700000000",
                        "-1",
                        "0",
                        "1700000000.123456789",
                        "1e3",
                        "\"1700000000\"",
                        "\"1700000000.5\"",
                        "null",
                        "true",
                        "[\"2026-11-21T08:00:00Z\"]",
                        "{}")) {
            assertThat(read(EventCodec.mapper(), json))
                    .as(json)
                    .isEqualTo(read(JAVA_TIME_MODULE, json));
        }
    }

    /**
     * Not a test of Jackson against itself: the codec's instants, alone or in an event, are ITU's.
     */
    @Test
    void theCodecReadsInstantsWithIt() throws JsonMappingException {
        ObjectMapper mapper = EventCodec.mapper();
        DeserializationContext context =
                ((DefaultDeserializationContext) mapper.getDeserializationContext())
                        .createInstance(mapper.getDeserializationConfig(), null, null);

        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                .isInstanceOf(IsoInstantDeserializer.class);
        BeanDeserializerBase view =
                (BeanDeserializerBase)
                        context.findRootValueDeserializer(mapper.constructType(ViewEvent.class));
        assertThat(view.findProperty("occurredAt").getValueDeserializer())
                .isInstanceOf(IsoInstantDeserializer.class);
    }

    /** An instant, or how reading it failed. */
    private static String read(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (JsonProcessingException e) {
            return e.getClass().getSimpleName() + ": " + e.getOriginalMessage();
        }
    }
}
