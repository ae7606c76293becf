package io.livelink.events;

/** The three kinds of live stream; each has its own link form, lifetime and report (SPEC §1). */
public enum StreamType {
    MINI_PROGRAM,
    H5,
    ENTERPRISE
}
