package io.livelink.events;

public enum ViewKind {
    JOIN,
    HEARTBEAT,
    LEAVE
}
