package io.livelink.events;

/** What a member asks permission for (the Feishu flow: install the app, use it, broadcast). */
public enum RequestPurpose {
    INSTALL_APP,
    USE_APP,
    BROADCAST
}
