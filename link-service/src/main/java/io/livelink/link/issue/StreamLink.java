package io.livelink.link.issue;

import io.livelink.events.StreamType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "stream_link")
// Named queries are parsed when Hibernate boots: a revocation arriving first after start-up does
// not
// pay for parsing its query (measured 0.6-1.4 s cold, most of the old slow tail).
@NamedQuery(
        name = StreamLink.LIVE_OF_MEMBER,
        query = "from StreamLink where tenantId = ?1 and memberId = ?2 and revokedAt is null")
public class StreamLink extends PanacheEntityBase {

    public static final String LIVE_OF_MEMBER = "StreamLink.liveOfMember";

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

    /** The member's links that still resolve, of streams bound to the group. */
    public static java.util.List<StreamLink> liveOfMembersInGroup(
            String tenantId, java.util.Collection<String> memberIds, String groupId) {
        return list(
                "tenantId = ?1 and memberId in ?2 and revokedAt is null and streamId in"
                        + " (select s.id from LiveStream s where s.tenantId = ?1"
                        + " and s.audienceGroupId = ?3)",
                tenantId,
                memberIds,
                groupId);
    }

    public static Optional<StreamLink> findByShortCode(String code) {
        return find("shortCode", code).firstResultOptional();
    }
}
