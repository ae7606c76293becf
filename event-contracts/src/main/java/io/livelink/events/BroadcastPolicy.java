package io.livelink.events;

/** Who in a tenant may broadcast: every member, or only members holding a grant. */
public enum BroadcastPolicy {
    ALL_MEMBERS,
    SELECTED_MEMBERS
}
