package io.livelink.link.stream;

import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import io.livelink.link.audience.AudienceGroup;
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
@Table(name = "live_stream")
public class LiveStream extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream_type")
    public StreamType type;

    public String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "watch_scope")
    public WatchScope watchScope;

    @Column(name = "replay_enabled")
    public boolean replayEnabled;

    @Enumerated(EnumType.STRING)
    public StreamState state;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    public String description;

    /** The picture link previews and the player show (https URL), if any. */
    @Column(name = "cover_url")
    public String coverUrl;

    /** When the broadcast is planned to start, shown to viewers who arrive early. */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    /** Who approved a public stream (null: waiting for a tenant admin). */
    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    /** Whether the creator was a tenant admin, who may broadcast without a grant. */
    @Column(name = "created_by_admin")
    public boolean createdByAdmin;

    /** The secret the encoder presents when publishing; shown only to the creator and admins. */
    @Column(name = "publish_key")
    public String publishKey;

    /** The directory group whose members alone get member links (ENTERPRISE only); null: any. */
    @Column(name = "audience_group_id")
    public String audienceGroupId;

    /**
     * Whether a member link of this stream may be issued to, and resolved for, {@code memberId}. An
     * unbound stream admits any member; a bound one its group's members, its creator (a course's
     * lecturer) and a tenant admin holding a link for themselves.
     */
    public boolean admits(String memberId, boolean adminForThemselves) {
        return audienceGroupId == null
                || adminForThemselves
                || memberId.equals(createdBy)
                || AudienceGroup.hasMember(tenantId, audienceGroupId, memberId);
    }

    /**
     * When the media server said the encoder stopped publishing; null while it publishes. A LIVE
     * stream ends once this lies further back than the grace.
     */
    @Column(name = "encoder_left_at")
    public Instant encoderLeftAt;

    /** The stream if it belongs to the tenant; another tenant's stream is as good as absent. */
    public static Optional<LiveStream> findInTenant(String tenantId, String streamId) {
        return LiveStream.<LiveStream>findByIdOptional(streamId)
                .filter(stream -> stream.tenantId.equals(tenantId));
    }
}
