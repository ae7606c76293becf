package io.livelink.link.resolve;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One viewer watching through one link, from resolve until leave or heartbeat timeout. */
@Entity
@Table(name = "view_session")
// Parsed at boot, like StreamLink's: a member losing access closes their sessions without delay.
@NamedQuery(
        name = ViewSession.OPEN_OF_VIEWER,
        query = "from ViewSession where tenantId = ?1 and viewerId = ?2 and closedAt is null")
public class ViewSession extends PanacheEntityBase {

    public static final String OPEN_OF_VIEWER = "ViewSession.openOfViewer";

    @Id public String id;

    @Column(name = "stream_id")
    public String streamId;

    @Column(name = "link_id")
    public String linkId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "viewer_id")
    public String viewerId;

    @Enumerated(EnumType.STRING)
    public Playback playback;

    @Enumerated(EnumType.STRING)
    public Device device;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "closed_at")
    public Instant closedAt;
}
