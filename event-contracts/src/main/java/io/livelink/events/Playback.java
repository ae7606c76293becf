package io.livelink.events;

/** Whether a view watched the stream while it was live or as a replay afterwards. */
public enum Playback {
    LIVE,
    REPLAY
}
