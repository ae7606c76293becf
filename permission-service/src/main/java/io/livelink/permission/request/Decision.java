package io.livelink.permission.request;

import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * @param validFor how long the grant lasts from approval (ISO-8601, e.g. P30D); none: until revoked
 */
public record Decision(@Size(max = 2000) String comment, Duration validFor) {}
