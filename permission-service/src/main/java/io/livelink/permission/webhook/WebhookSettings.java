package io.livelink.permission.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Webhook delivery: queued with the change, retried with backoff until the receiver answers 2xx or
 * the attempts run out.
 */
@ConfigMapping(prefix = "livelink.webhooks")
public interface WebhookSettings {

    /** The wait before the second attempt; each later wait doubles it. */
    @WithDefault("PT1S")
    Duration firstRetry();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration maxRetry();

    /** After this many attempts a delivery is given up and shown as failed. */
    @WithDefault("15")
    int maxAttempts();

    /** How long connecting to and hearing back from a receiver may take. */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often due deliveries are looked for (read by its {@code @Scheduled}). */
    @WithDefault("1s")
    String pollInterval();
}
