package io.livelink.link.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.livelink.events.IsoInstants;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a {@link HeartbeatAnswer} as the mapper writes the record, field for field ({@code
 * AnswerJsonTest} holds them byte-identical), without the bean serializer's accessors and the
 * generic date printer: one is written per heartbeat.
 */
final class HeartbeatAnswerJson extends StdSerializer<HeartbeatAnswer> {

    private static final SerializedString STATE = new SerializedString("state");

    HeartbeatAnswerJson() {
        super(HeartbeatAnswer.class);
    }

    @Override
    public void serialize(HeartbeatAnswer answer, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        json.writeStartObject(answer);
        json.writeFieldName(ResolveAnswerJson.PLAY_URL);
        json.writeString(answer.playUrl());
        writeInstant(
                json, provider, ResolveAnswerJson.PLAY_URL_EXPIRES_AT, answer.playUrlExpiresAt());
        json.writeFieldName(STATE);
        json.writeString(answer.state() == null ? null : answer.state().name());
        json.writeFieldName(ResolveAnswerJson.HEARTBEAT_INTERVAL_SECONDS);
        json.writeNumber(answer.heartbeatIntervalSeconds());
        json.writeEndObject();
    }

    /** An instant as the mapper writes it: ISO-8601 text, unless it is told to write numbers. */
    static void writeInstant(
            JsonGenerator json, SerializerProvider provider, SerializedString name, Instant instant)
            throws IOException {
        if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            provider.defaultSerializeField(name.getValue(), instant, json);
        } else {
            json.writeFieldName(name);
            json.writeString(IsoInstants.format(instant));
        }
    }
}
