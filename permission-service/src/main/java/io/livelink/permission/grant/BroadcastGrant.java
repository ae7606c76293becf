package io.livelink.permission.grant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member's permission to broadcast, bound to a sub-account of their own. */
@Entity
@Table(name = "broadcast_grant")
public class BroadcastGrant extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "member_id")
    public String memberId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "sub_account_id")
    public String subAccountId;

    @Column(name = "sub_account_login")
    public String subAccountLogin;

    @Column(name = "granted_by")
    public String grantedBy;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
