package io.livelink.events;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads an {@link Instant} written as {@code YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|±HH:MM)} with ITU,
 * and anything else (a number, another form, what ITU refuses, such as a leap second) with the
 * JavaTimeModule's own deserializer, as before: its {@code DateTimeFormatter} was 7 % of a
 * consumer's decoding.
 */
final class IsoInstantDeserializer extends DelegatingDeserializer {

    private IsoInstantDeserializer(JsonDeserializer<?> javaTimeModules) {
        super(javaTimeModules);
    }

    /**
     * The module that wraps the deserializer the JavaTimeModule gives {@code Instant}, so that
     * everything but the plain ISO form is read exactly as that module reads it.
     */
    static Module module() {
        return new SimpleModule("iso-instants")
                .setDeserializerModifier(
                        new BeanDeserializerModifier() {
                            @Override
                            public JsonDeserializer<?> modifyDeserializer(
                                    DeserializationConfig config,
                                    BeanDescription description,
                                    JsonDeserializer<?> deserializer) {
                                return description.getBeanClass() == Instant.class
                                        ? new IsoInstantDeserializer(deserializer)
                                        : deserializer;
                            }
                        });
    }

    /**
     * A property given a format of its own (or another Jackson setting) gets a deserializer of its
     * own, and that one reads every form.
     */
    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> contextual) {
        return contextual;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            String text = parser.getText();
            if (StrictFormat.hasDateTimeShape(text)) {
                try {
                    return ITU.parseDateTime(text).toInstant();
                } catch (DateTimeException refusedByItu) {
                    // Jackson's to read (a leap second, 24:00) or to refuse with its message.
                }
            }
        }
        return super.deserialize(parser, context);
    }
}
