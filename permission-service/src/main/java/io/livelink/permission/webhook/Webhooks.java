package io.livelink.permission.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Queues a notification for the tenant's webhook in the transaction of the change it reports, like
 * the outbox does for Kafka: committed changes are notified, rolled-back ones never are.
 */
@ApplicationScoped
public class Webhooks {

    private final ObjectMapper json;
    private final Clock clock;

    public Webhooks(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notify(String tenantId, String eventType, String subjectKey, Object subject) {
        if (TenantWebhook.findById(tenantId) == null) {
            return;
        }
        Instant now = clock.instant();
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID().toString();
        delivery.tenantId = tenantId;
        delivery.eventType = eventType;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", delivery.id);
        body.put("type", eventType);
        body.put("tenantId", tenantId);
        body.put("occurredAt", now);
        body.put(subjectKey, subject);
        try {
            delivery.payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload not serialisable", e);
        }
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.persist();
    }
}
