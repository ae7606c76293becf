package io.livelink.analytics.training.report;

import io.livelink.analytics.training.PersonalData;
import io.livelink.analytics.training.TrainingAudit;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a tenant's class reports go (管理平台): an HTTPS endpoint, a client id and the shared secret
 * reports are signed with, kept encrypted. Plain HTTP is accepted only for loopback addresses (the
 * local run and tests).
 */
@ApplicationScoped
public class ManagementPlatform {

    private final EntityManager entityManager;
    private final PersonalData personalData;
    private final TrainingAudit audit;
    private final Clock clock;

    public ManagementPlatform(
            EntityManager entityManager,
            PersonalData personalData,
            TrainingAudit audit,
            Clock clock) {
        this.entityManager = entityManager;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
    }

    public record PlatformSettings(String endpoint, String clientId, String secret) {}

    /** As shown back: never the secret. */
    public record PlatformView(
            String tenantId,
            String endpoint,
            String clientId,
            boolean secretSet,
            Instant updatedAt) {}

    /** What an upload needs. */
    public record Target(String endpoint, String clientId, String secret) {}

    @Transactional
    public PlatformView configure(Caller caller, PlatformSettings settings) {
        String tenantId = caller.tenantId();
        List<FieldError> errors = check(settings);
        if (!errors.isEmpty()) {
            throw new InvalidInput("the management platform settings are not valid", errors);
        }
        Instant now = clock.instant();
        entityManager
                .createNativeQuery(
                        "insert into training_platform (tenant_id, endpoint, client_id,"
                                + " secret_cipher, updated_by, updated_at) values (:tenant,"
                                + " :endpoint, :client, :secret, :by, :at) on conflict (tenant_id)"
                                + " do update set endpoint = excluded.endpoint, client_id ="
                                + " excluded.client_id, secret_cipher = excluded.secret_cipher,"
                                + " updated_by = excluded.updated_by, updated_at ="
                                + " excluded.updated_at")
                .setParameter("tenant", tenantId)
                .setParameter("endpoint", settings.endpoint().strip())
                .setParameter("client", settings.clientId().strip())
                .setParameter("secret", personalData.encrypt(tenantId, settings.secret()))
                .setParameter("by", caller.memberId())
                .setParameter("at", now)
                .executeUpdate();
        audit.record(tenantId, caller.memberId(), "platform.configured", "-", settings.endpoint());
        return new PlatformView(
                tenantId, settings.endpoint().strip(), settings.clientId().strip(), true, now);
    }

    @Transactional
    public PlatformView view(Caller caller) {
        String tenantId = caller.tenantId();
        return target(tenantId)
                .map(
                        t ->
                                new PlatformView(
                                        tenantId,
                                        t.endpoint(),
                                        t.clientId(),
                                        true,
                                        updatedAt(tenantId)))
                .orElseThrow(() -> new NotFound("management platform of tenant", tenantId));
    }

    public Optional<Target> target(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(
                                "select endpoint, client_id, secret_cipher from training_platform"
                                        + " where tenant_id = :tenant")
                        .setParameter("tenant", tenantId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r ->
                                new Target(
                                        (String) r[0],
                                        (String) r[1],
                                        personalData.decrypt(tenantId, (String) r[2])));
    }

    private Instant updatedAt(String tenantId) {
        return (Instant)
                entityManager
                        .createNativeQuery(
                                "select updated_at from training_platform where tenant_id = :t",
                                Instant.class)
                        .setParameter("t", tenantId)
                        .getSingleResult();
    }

    static List<FieldError> check(PlatformSettings s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.endpoint() == null || s.endpoint().isBlank()) {
            errors.add(new FieldError("endpoint", "is required"));
        } else {
            endpointProblem(s.endpoint().strip())
                    .ifPresent(p -> errors.add(new FieldError("endpoint", p)));
        }
        if (s.clientId() == null || s.clientId().isBlank()) {
            errors.add(new FieldError("clientId", "is required"));
        } else if (s.clientId().strip().length() > 200) {
            errors.add(new FieldError("clientId", "must be at most 200 characters"));
        }
        if (s.secret() == null || s.secret().length() < 16) {
            errors.add(new FieldError("secret", "must be at least 16 characters"));
        } else if (s.secret().length() > 200) {
            errors.add(new FieldError("secret", "must be at most 200 characters"));
        }
        return errors;
    }

    private static Optional<String> endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        if (uri.getHost() == null || endpoint.length() > 2000) {
            return Optional.of("must be an absolute https URL of at most 2000 characters");
        }
        if ("https".equals(uri.getScheme())) {
            return Optional.empty();
        }
        if ("http".equals(uri.getScheme()) && loopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("must use https (plain http only to a loopback address)");
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
            return false; // a name is never resolved here: only a literal loopback address counts
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
