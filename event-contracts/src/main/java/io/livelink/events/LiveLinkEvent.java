package io.livelink.events;

/**
 * A fact one service publishes for the others. Records implementing it are the event payloads (the
 * CloudEvents {@code data}); {@link EventType} ties each to its type name, topic and schema.
 */
public sealed interface LiveLinkEvent
        permits ViewEvent,
                LinkIssued,
                LinkRevoked,
                StreamStateChanged,
                BroadcastPermissionRequested,
                BroadcastPermissionGranted,
                BroadcastPermissionRejected,
                BroadcastPermissionRevoked,
                BroadcastPermissionRequestCancelled,
                BroadcastPermissionRequestExpired,
                MemberJoined,
                MemberLeft,
                DirectoryGroupChanged,
                TrainingClassSynced,
                TenantQualificationChanged,
                TenantSettingsChanged,
                StreamSecondRollup,
                StreamMinuteRollup,
                MemberDailyRollup {

    /** The Kafka record key: the stream id for views and links, the tenant id for permissions. */
    String partitionKey();
}
