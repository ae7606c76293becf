package io.livelink.events;

/** The Kafka topics: one per stream of facts (SPEC §5). */
public final class Topics {
    /** {@link ViewEvent}, keyed by stream id. */
    public static final String VIEW_EVENTS = "livelink.view-events";

    /** {@link LinkIssued}, {@link LinkRevoked}, keyed by stream id. */
    public static final String LINK_EVENTS = "livelink.link-events";

    /** {@link StreamStateChanged}, keyed by stream id. */
    public static final String STREAM_EVENTS = "livelink.stream-events";

    /** Broadcast permission requests and grants, keyed by tenant id. */
    public static final String PERMISSION_EVENTS = "livelink.permission-events";

    /**
     * {@link MemberJoined}, {@link MemberLeft}, {@link DirectoryGroupChanged}, keyed by tenant id.
     */
    public static final String DIRECTORY_EVENTS = "livelink.directory-events";

    /** {@link TrainingClassSynced}, keyed by tenant id. */
    public static final String TRAINING_EVENTS = "livelink.training-events";

    /** {@link TenantQualificationChanged}, {@link TenantSettingsChanged}, keyed by tenant id. */
    public static final String TENANT_EVENTS = "livelink.tenant-events";

    /** {@link StreamSecondRollup} (MINI_PROGRAM streams), keyed by stream id. */
    public static final String ROLLUPS_PER_SECOND = "livelink.rollups.per-second";

    /** {@link StreamMinuteRollup} (H5 streams), keyed by stream id. */
    public static final String ROLLUPS_PER_MINUTE = "livelink.rollups.per-minute";

    /** {@link MemberDailyRollup} (ENTERPRISE streams), keyed by tenant id. */
    public static final String ROLLUPS_DAILY = "livelink.rollups.daily";

    /** The topics analytics-service publishes its rollups on, for downstream consumers. */
    public static final java.util.List<String> ROLLUPS =
            java.util.List.of(ROLLUPS_PER_SECOND, ROLLUPS_PER_MINUTE, ROLLUPS_DAILY);

    /**
     * Records a consumer could not read, with the reason in the {@code dead-letter-reason} header.
     */
    public static final String DEAD_LETTER = "livelink.dead-letter";

    /** The topics of events, rollups included (not the dead-letter topic). */
    public static final java.util.List<String> ALL =
            java.util.List.of(
                    VIEW_EVENTS,
                    LINK_EVENTS,
                    STREAM_EVENTS,
                    PERMISSION_EVENTS,
                    DIRECTORY_EVENTS,
                    TENANT_EVENTS,
                    TRAINING_EVENTS,
                    ROLLUPS_PER_SECOND,
                    ROLLUPS_PER_MINUTE,
                    ROLLUPS_DAILY);

    private Topics() {}
}
