package io.livelink.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each event's CloudEvents type name, topic and schema, declared in one place. */
public enum EventType {
    VIEW(ViewEvent.class, Topics.VIEW_EVENTS, "view-event"),
    LINK_ISSUED(LinkIssued.class, Topics.LINK_EVENTS, "link-issued"),
    LINK_REVOKED(LinkRevoked.class, Topics.LINK_EVENTS, "link-revoked"),
    STREAM_STATE_CHANGED(StreamStateChanged.class, Topics.STREAM_EVENTS, "stream-state-changed"),
    BROADCAST_PERMISSION_REQUESTED(
            BroadcastPermissionRequested.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-requested"),
    BROADCAST_PERMISSION_GRANTED(
            BroadcastPermissionGranted.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-granted"),
    BROADCAST_PERMISSION_REJECTED(
            BroadcastPermissionRejected.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-rejected"),
    BROADCAST_PERMISSION_REVOKED(
            BroadcastPermissionRevoked.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-revoked"),
    BROADCAST_PERMISSION_REQUEST_CANCELLED(
            BroadcastPermissionRequestCancelled.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-request-cancelled"),
    BROADCAST_PERMISSION_REQUEST_EXPIRED(
            BroadcastPermissionRequestExpired.class,
            Topics.PERMISSION_EVENTS,
            "broadcast-permission-request-expired"),
    MEMBER_JOINED(MemberJoined.class, Topics.DIRECTORY_EVENTS, "member-joined"),
    MEMBER_LEFT(MemberLeft.class, Topics.DIRECTORY_EVENTS, "member-left"),
    DIRECTORY_GROUP_CHANGED(
            DirectoryGroupChanged.class, Topics.DIRECTORY_EVENTS, "directory-group-changed"),
    TRAINING_CLASS_SYNCED(
            TrainingClassSynced.class, Topics.TRAINING_EVENTS, "training-class-synced"),
    TENANT_QUALIFICATION_CHANGED(
            TenantQualificationChanged.class, Topics.TENANT_EVENTS, "tenant-qualification-changed"),
    TENANT_SETTINGS_CHANGED(
            TenantSettingsChanged.class, Topics.TENANT_EVENTS, "tenant-settings-changed"),
    STREAM_SECOND_ROLLUP(
            StreamSecondRollup.class, Topics.ROLLUPS_PER_SECOND, "stream-second-rollup"),
    STREAM_MINUTE_ROLLUP(
            StreamMinuteRollup.class, Topics.ROLLUPS_PER_MINUTE, "stream-minute-rollup"),
    MEMBER_DAILY_ROLLUP(MemberDailyRollup.class, Topics.ROLLUPS_DAILY, "member-daily-rollup");

    private static final String TYPE_PREFIX = "io.livelink.";
    private static final String SCHEMA_ID_BASE = "https://livelink.io/schemas/";
    private static final Map<String, EventType> BY_TYPE_NAME =
            Arrays.stream(values())
                    .collect(Collectors.toMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            Arrays.stream(values()).collect(Collectors.toMap(t -> t.payload, Function.identity()));

    private final Class<? extends LiveLinkEvent> payload;
    private final String topic;
    private final String schemaName;

    /** Made once: every event encoded asks for both. */
    private final String typeName;

    private final String schemaId;

    EventType(Class<? extends LiveLinkEvent> payload, String topic, String schemaName) {
        this.payload = payload;
        this.topic = topic;
        this.schemaName = schemaName;
        this.typeName = TYPE_PREFIX + payload.getSimpleName() + ".v1";
        this.schemaId = SCHEMA_ID_BASE + schemaName + ".schema.json";
    }

    /** The CloudEvents {@code type}, e.g. {@code io.livelink.ViewEvent.v1}. */
    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends LiveLinkEvent> payload() {
        return payload;
    }

    /** Classpath location of the JSON Schema of this event's {@code data}. */
    public String schemaResource() {
        return "/schemas/" + schemaName + ".schema.json";
    }

    /**
     * The {@code $id} of that schema, which envelopes name as their CloudEvents {@code dataschema}.
     */
    public String schemaId() {
        return schemaId;
    }

    public static Optional<EventType> ofTypeName(String typeName) {
        return Optional.ofNullable(BY_TYPE_NAME.get(typeName));
    }

    public static EventType of(LiveLinkEvent event) {
        return BY_PAYLOAD.get(event.getClass());
    }
}
