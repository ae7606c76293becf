package io.livelink.events;

import java.time.Instant;
import java.util.List;

/**
 * A directory group now holds exactly {@code memberIds} (a snapshot; empty once the group is
 * dissolved). Streams bound to the group issue ENTERPRISE member links to these members only.
 */
public record DirectoryGroupChanged(
        String tenantId, String groupId, String name, List<String> memberIds, Instant changedAt)
        implements LiveLinkEvent {

    public DirectoryGroupChanged {
        memberIds = List.copyOf(memberIds);
    }

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
