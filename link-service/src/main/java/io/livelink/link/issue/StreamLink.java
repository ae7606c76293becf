package io.livelink.link.issue;

import io.livelink.events.StreamType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "stream_link")
public class StreamLink extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "stream_id")
    public String streamId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream_type")
    public StreamType streamType;

    @Column(name = "short_code")
    public String shortCode;

    public String channel;

    @Column(name = "utm_source")
    public String utmSource;

    @Column(name = "utm_medium")
    public String utmMedium;

    @Column(name = "utm_campaign")
    public String utmCampaign;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The member an ENTERPRISE link was issued to. */
    @Column(name = "member_id")
    public String memberId;

    /** A tenant admin's ENTERPRISE link for themselves: a bound stream's audience admits it. */
    @Column(name = "issued_to_admin")
    public boolean issuedToAdmin;

    public static Optional<StreamLink> findByShortCode(String code) {
        return find("shortCode", code).firstResultOptional();
    }
}
