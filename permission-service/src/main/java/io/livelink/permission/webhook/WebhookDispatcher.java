package io.livelink.permission.webhook;

import io.livelink.commons.delivery.Backoff;
import io.livelink.commons.delivery.DeliveryOutcomes;
import io.livelink.commons.signature.BodySignature;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends queued webhook deliveries, signed, and retries failures with exponential backoff until the
 * receiver answers 2xx or the attempts run out. The queue lives in PostgreSQL, so a restart in the
 * middle of retrying loses nothing; rows are claimed with SKIP LOCKED so instances share the work.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final EntityManager entityManager;
    private final Clock clock;
    private final HttpClient http;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final int maxAttempts;
    private final Duration timeout;
    private final DeliveryOutcomes.Outcomes outcomes;

    public WebhookDispatcher(
            EntityManager entityManager,
            Clock clock,
            WebhookSettings settings,
            DeliveryOutcomes deliveries) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.firstRetry = settings.firstRetry();
        this.maxRetry = settings.maxRetry();
        this.maxAttempts = settings.maxAttempts();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.outcomes = deliveries.of("webhook");
    }

    @Scheduled(
            every = "${livelink.webhooks.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(this::sendBatch);
        } while (sent > 0);
    }

    /** Attempts every delivery due now; returns how many it attempted. */
    @SuppressWarnings("unchecked")
    int sendBatch() {
        Instant now = clock.instant();
        List<WebhookDelivery> due =
                entityManager
                        .createNativeQuery(
                                "select * from webhook_delivery where delivered_at is null and failed_at is null"
                                        + " and next_attempt_at <= :now order by next_attempt_at limit 20 for update skip locked",
                                WebhookDelivery.class)
                        .setParameter("now", now)
                        .getResultList();
        for (WebhookDelivery delivery : due) {
            attempt(delivery);
        }
        return due.size();
    }

    private void attempt(WebhookDelivery delivery) {
        TenantWebhook webhook = TenantWebhook.findById(delivery.tenantId);
        Instant now = clock.instant();
        delivery.attempts++;
        if (webhook == null) {
            delivery.failedAt = now;
            delivery.lastError = "the tenant removed its webhook";
            return;
        }
        String error;
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(webhook.url))
                                    .timeout(timeout)
                                    .header("Content-Type", "application/json")
                                    .header("X-LiveLink-Delivery", delivery.id)
                                    .header("X-LiveLink-Event", delivery.eventType)
                                    .header(
                                            BodySignature.HEADER,
                                            BodySignature.sign(
                                                    webhook.secret,
                                                    now.getEpochSecond(),
                                                    delivery.payload))
                                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivery.deliveredAt = now;
                delivery.lastError = null;
                outcomes.delivered().increment();
                return;
            }
            error = "receiver answered HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = "could not reach the receiver: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        delivery.lastError = error;
        outcomes.failed(delivery.attempts >= maxAttempts);
        if (delivery.attempts >= maxAttempts) {
            delivery.failedAt = now;
            Log.warnf(
                    "webhook delivery %s to tenant %s given up after %d attempts: %s",
                    delivery.id, delivery.tenantId, delivery.attempts, error);
        } else {
            delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
        }
    }

    /** 1 s, 2 s, 4 s … capped. */
    Duration backoff(int attemptsSoFar) {
        return new Backoff(firstRetry, maxRetry).after(attemptsSoFar);
    }
}
