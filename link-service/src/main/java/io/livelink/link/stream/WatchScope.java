package io.livelink.link.stream;

/** Who may watch: only the tenant's members, or everyone (WeCom's "所有人可观看"). */
public enum WatchScope {
    EMPLOYEES_ONLY,
    EVERYONE
}
