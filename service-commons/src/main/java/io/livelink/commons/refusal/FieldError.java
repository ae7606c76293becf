package io.livelink.commons.refusal;

/** One offending field of a refused input and what is wrong with it. */
public record FieldError(String field, String message) {}
