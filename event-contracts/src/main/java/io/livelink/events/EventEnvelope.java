package io.livelink.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: what every LiveLink topic carries as the
 * record value. {@code id} is unique per event and is what consumers deduplicate on.
 */
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}
