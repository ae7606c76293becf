package io.livelink.events;

public enum StreamState {
    SCHEDULED,
    LIVE,
    ENDED
}
