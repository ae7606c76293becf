package io.livelink.link.stream;

/**
 * A stream's row changed in the current transaction (CDI event): readers that keep streams in
 * memory, such as resolve, forget it.
 */
public record StreamChanged(String streamId) {}
