package io.livelink.events;

/** How a viewer is identified, which follows from the stream type (SPEC §1). */
public enum ViewerIdKind {
    OPENID,
    CLOUD_UID,
    MEMBER
}
