package io.livelink.events;

public enum Device {
    PC,
    MOBILE,
    TV
}
