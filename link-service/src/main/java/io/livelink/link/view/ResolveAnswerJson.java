package io.livelink.link.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link ResolveAnswer} as the mapper writes the record, field for field ({@code
 * AnswerJsonTest} holds them byte-identical), cheaper: its first seven fields are the stream's (id,
 * type, title, description, cover, schedule, state), the same for every viewer of a stream version,
 * so they are serialised once per version and copied; the session's fields are written directly
 * instead of through the bean serializer's reflective accessors.
 */
final class ResolveAnswerJson extends StdSerializer<ResolveAnswer> {

    /** Streams answered at once, far above; past it the kept parts are dropped and made anew. */
    private static final int MAX_STREAMS_KEPT = 10_000;

    /** The stream's part of an answer, named as the answer names its fields. */
    private record StreamPart(
            String streamId,
            StreamType streamType,
            String title,
            String description,
            String coverUrl,
            Instant scheduledAt,
            StreamState state) {

        static StreamPart of(ResolveAnswer answer) {
            return new StreamPart(
                    answer.streamId(),
                    answer.streamType(),
                    answer.title(),
                    answer.description(),
                    answer.coverUrl(),
                    answer.scheduledAt(),
                    answer.state());
        }

        boolean isOf(ResolveAnswer answer) {
            return streamId.equals(answer.streamId())
                    && streamType == answer.streamType()
                    && Objects.equals(title, answer.title())
                    && Objects.equals(description, answer.description())
                    && Objects.equals(coverUrl, answer.coverUrl())
                    && Objects.equals(scheduledAt, answer.scheduledAt())
                    && state == answer.state();
        }
    }

    /**
     * A stream part and its fields as JSON, without braces, followed by a comma; kept as a {@link
     * SerializedString}, whose UTF-8 bytes are encoded once (titles are often Chinese).
     */
    private record Written(StreamPart part, SerializedString fields) {}

    private final Map<String, Written> written = new ConcurrentHashMap<>();

    // The session's field names, encoded once.
    private static final SerializedString PLAYBACK = new SerializedString("playback");
    static final SerializedString PLAY_URL = new SerializedString("playUrl");
    static final SerializedString PLAY_URL_EXPIRES_AT = new SerializedString("playUrlExpiresAt");
    private static final SerializedString VIEW_SESSION_ID = new SerializedString("viewSessionId");
    private static final SerializedString VIEW_SESSION = new SerializedString("viewSession");
    private static final SerializedString VIEWER_ID = new SerializedString("viewerId");
    static final SerializedString HEARTBEAT_INTERVAL_SECONDS =
            new SerializedString("heartbeatIntervalSeconds");

    ResolveAnswerJson() {
        super(ResolveAnswer.class);
    }

    @Override
    public void serialize(ResolveAnswer answer, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        json.writeStartObject(answer);
        SerializedString streamFields = streamFields(answer, json.getCodec());
        if (streamFields != null) {
            json.writeRaw(streamFields);
        } else {
            json.writeStringField("streamId", answer.streamId());
            provider.defaultSerializeField("streamType", answer.streamType(), json);
            json.writeStringField("title", answer.title());
            json.writeStringField("description", answer.description());
            json.writeStringField("coverUrl", answer.coverUrl());
            provider.defaultSerializeField("scheduledAt", answer.scheduledAt(), json);
            provider.defaultSerializeField("state", answer.state(), json);
        }
        json.writeFieldName(PLAYBACK);
        json.writeString(answer.playback().name());
        json.writeFieldName(PLAY_URL);
        json.writeString(answer.playUrl());
        HeartbeatAnswerJson.writeInstant(
                json, provider, PLAY_URL_EXPIRES_AT, answer.playUrlExpiresAt());
        json.writeFieldName(VIEW_SESSION_ID);
        json.writeString(answer.viewSessionId());
        json.writeFieldName(VIEW_SESSION);
        json.writeString(answer.viewSession());
        json.writeFieldName(VIEWER_ID);
        json.writeString(answer.viewerId());
        json.writeFieldName(HEARTBEAT_INTERVAL_SECONDS);
        json.writeNumber(answer.heartbeatIntervalSeconds());
        json.writeEndObject();
    }

    /**
     * The stream's fields as the mapper writes them, followed by a comma; null when the generator
     * has no mapper to write them with (its fields are then written one by one).
     */
    private SerializedString streamFields(ResolveAnswer answer, ObjectCodec codec)
            throws IOException {
        if (!(codec instanceof ObjectMapper mapper) || answer.streamId() == null) {
            return null;
        }
        Written known = written.get(answer.streamId());
        if (known != null && known.part().isOf(answer)) {
            return known.fields();
        }
        StreamPart part = StreamPart.of(answer);
        String object = mapper.writeValueAsString(part);
        // {"streamId":…,"state":…} → "streamId":…,"state":…,
        SerializedString fields =
                new SerializedString(object.substring(1, object.length() - 1) + ",");
        if (written.size() >= MAX_STREAMS_KEPT) {
            written.clear();
        }
        written.put(answer.streamId(), new Written(part, fields));
        return fields;
    }
}
