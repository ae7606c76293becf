package io.livelink.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: what every LiveLink topic carries as the
 * record value ({@link CloudEventRecords} adds the Kafka headers the binding requires). {@code id}
 * is unique per event and is what consumers deduplicate on.
 *
 * <p>{@code partitionkey} is the CloudEvents partitioning extension: it equals the record key (and
 * {@code subject}). {@code dataschema} names the JSON Schema of {@code data} by its {@code $id}.
 * Both are absent from records written before they were introduced, so readers must not require
 * them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String partitionkey,
        String dataschema,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}
