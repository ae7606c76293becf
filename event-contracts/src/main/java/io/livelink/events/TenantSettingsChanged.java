package io.livelink.events;

import java.time.Instant;

/** A tenant was created, or its live service or broadcast policy changed. */
public record TenantSettingsChanged(
        String tenantId,
        boolean liveServiceEnabled,
        BroadcastPolicy broadcastPolicy,
        String timeZone,
        Instant changedAt)
        implements LiveLinkEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
