package io.livelink.permission.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where a tenant wants request state changes delivered, and the secret that signs them. */
@Entity
@Table(name = "tenant_webhook")
public class TenantWebhook extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    public String url;
    public String secret;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
