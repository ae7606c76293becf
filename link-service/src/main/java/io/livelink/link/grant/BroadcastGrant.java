package io.livelink.link.grant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** This service's copy of a grant decided in permission-service, kept current by its events. */
@Entity
@Table(name = "broadcast_grant")
public class BroadcastGrant extends PanacheEntityBase {

    @Id
    @Column(name = "grant_id")
    public String grantId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "member_id")
    public String memberId;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
