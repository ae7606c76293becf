package io.livelink.link.stream;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.link.audience.AudienceGroup;
import io.livelink.link.grant.BroadcastPermissions;
import io.livelink.link.media.MediaServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StreamService {

    private final Caller caller;
    private final BroadcastPermissions permissions;
    private final EventPublisher events;
    private final ContentReview review;
    private final Clock clock;
    private final Event<StreamChanged> changed;
    private final String publishBaseUrl;
    private final SecureRandom random = new SecureRandom();

    public StreamService(
            Caller caller,
            BroadcastPermissions permissions,
            EventPublisher events,
            ContentReview review,
            Clock clock,
            MediaServerSettings mediaServer,
            Event<StreamChanged> changed) {
        this.caller = caller;
        this.permissions = permissions;
        this.events = events;
        this.review = review;
        this.clock = clock;
        this.publishBaseUrl = mediaServer.publishBaseUrl();
        this.changed = changed;
    }

    /**
     * Creates a SCHEDULED stream in a tenant whose live service is on and that is verified for the
     * stream type. Tenant admins may always; members under the ALL_MEMBERS policy or while they
     * hold a broadcast grant from permission-service.
     */
    @Transactional
    public StreamView create(CreateStreamRequest request) {
        String tenantId = caller.tenantId();
        String memberId = caller.memberId();
        boolean admin = caller.is(Roles.TENANT_ADMIN);
        permissions.requireTenantMayStream(tenantId, request.type());
        if (!admin && !permissions.mayBroadcast(tenantId, memberId)) {
            throw Refused.notAllowed(
                    "no-broadcast-permission",
                    "member " + memberId + " may not broadcast in tenant " + tenantId);
        }
        WatchScope scope =
                request.watchScope() != null
                        ? request.watchScope()
                        : request.type() == StreamType.ENTERPRISE
                                ? WatchScope.EMPLOYEES_ONLY
                                : WatchScope.EVERYONE;
        if (scope == WatchScope.EVERYONE) {
            review.requireAcceptable("title", request.title());
            review.requireAcceptable("description", request.description());
        }
        String audienceGroupId = blankToNull(request.audienceGroupId());
        requireBindable(tenantId, request.type(), scope, audienceGroupId, true);
        LiveStream stream = new LiveStream();
        stream.id = UUID.randomUUID().toString();
        stream.tenantId = tenantId;
        stream.type = request.type();
        stream.title = request.title().strip();
        stream.watchScope = scope;
        stream.audienceGroupId = audienceGroupId;
        stream.replayEnabled = request.replayEnabled() == null || request.replayEnabled();
        stream.state = StreamState.SCHEDULED;
        stream.createdBy = memberId;
        stream.createdByAdmin = admin;
        stream.description = request.description();
        stream.coverUrl = request.coverUrl();
        stream.scheduledAt = request.scheduledAt();
        if (admin) {
            // A tenant admin creating a stream approves it by doing so.
            stream.approvedBy = memberId;
            stream.approvedAt = clock.instant();
        }
        stream.createdAt = clock.instant();
        byte[] key = new byte[24];
        random.nextBytes(key);
        stream.publishKey = HexFormat.of().formatHex(key);
        stream.persist();
        announce(stream, null);
        return viewFor(stream);
    }

    /**
     * Changes what the creator or a tenant admin may change. A member's stream that becomes (or
     * stays) public is reviewed again and, if its text changed, waits for approval again.
     */
    @Transactional
    public StreamView update(String streamId, UpdateStreamRequest request) {
        LiveStream stream = inTenant(streamId);
        boolean admin = caller.is(Roles.TENANT_ADMIN);
        requireBroadcaster(stream);
        String title = request.title() != null ? request.title().strip() : stream.title;
        String description =
                request.description() != null ? request.description() : stream.description;
        WatchScope scope = request.watchScope() != null ? request.watchScope() : stream.watchScope;
        if (scope == WatchScope.EVERYONE) {
            review.requireAcceptable("title", title);
            review.requireAcceptable("description", description);
        }
        boolean groupGiven = request.audienceGroupId() != null;
        String audienceGroupId =
                groupGiven ? blankToNull(request.audienceGroupId()) : stream.audienceGroupId;
        requireBindable(stream.tenantId, stream.type, scope, audienceGroupId, groupGiven);
        boolean replayEnabled =
                request.replayEnabled() != null ? request.replayEnabled() : stream.replayEnabled;
        boolean announced =
                !title.equals(stream.title)
                        || replayEnabled != stream.replayEnabled
                        || !java.util.Objects.equals(audienceGroupId, stream.audienceGroupId);
        boolean publicContentChanged =
                scope == WatchScope.EVERYONE
                        && (stream.watchScope != WatchScope.EVERYONE
                                || !title.equals(stream.title)
                                || !java.util.Objects.equals(description, stream.description));
        stream.title = title;
        stream.description = description;
        stream.watchScope = scope;
        stream.audienceGroupId = audienceGroupId;
        stream.replayEnabled = replayEnabled;
        if (request.coverUrl() != null) {
            stream.coverUrl = request.coverUrl().isEmpty() ? null : request.coverUrl();
        }
        if (request.scheduledAt() != null) {
            stream.scheduledAt = request.scheduledAt();
        }
        if (publicContentChanged) {
            stream.approvedBy = admin ? caller.memberId() : null;
            stream.approvedAt = admin ? clock.instant() : null;
        }
        if (announced) {
            announce(stream, stream.state);
        }
        changed.fire(new StreamChanged(stream.id));
        return viewFor(stream);
    }

    /** A tenant admin approves a public stream, after which links may be issued for it. */
    @Transactional
    public StreamView approve(String streamId) {
        LiveStream stream = inTenant(streamId);
        if (stream.approvedAt == null) {
            stream.approvedBy = caller.memberId();
            stream.approvedAt = clock.instant();
        }
        return viewFor(stream);
    }

    /**
     * SCHEDULED → LIVE; by the creator or a tenant admin. Starting a live stream again is a no-op.
     */
    @Transactional
    public StreamView start(String streamId) {
        return moveTo(streamId, StreamState.LIVE);
    }

    /** → ENDED; replay links work afterwards only when replay is on. */
    @Transactional
    public StreamView end(String streamId) {
        return moveTo(streamId, StreamState.ENDED);
    }

    private StreamView moveTo(String streamId, StreamState target) {
        LiveStream stream = inTenant(streamId);
        requireBroadcaster(stream);
        if (stream.state == target) {
            return viewFor(stream);
        }
        if (stream.state == StreamState.ENDED
                || (target == StreamState.LIVE && stream.state != StreamState.SCHEDULED)) {
            throw new Conflict(
                    "illegal-transition", "a " + stream.state + " stream cannot become " + target);
        }
        StreamState previous = stream.state;
        stream.state = target;
        announce(stream, previous);
        return viewFor(stream);
    }

    /** Only the stream's creator or a tenant admin changes a stream. */
    private void requireBroadcaster(LiveStream stream) {
        if (!caller.is(Roles.TENANT_ADMIN) && !stream.createdBy.equals(caller.memberId())) {
            throw Refused.notAllowed(
                    "not-the-broadcaster",
                    "only the stream's creator or a tenant admin may do this");
        }
    }

    private LiveStream inTenant(String streamId) {
        return LiveStream.findInTenant(caller.tenantId(), streamId)
                .orElseThrow(() -> new NotFound("stream", streamId));
    }

    void announce(LiveStream stream, StreamState previous) {
        changed.fire(new StreamChanged(stream.id));
        events.publish(
                new StreamStateChanged(
                        stream.id,
                        stream.tenantId,
                        stream.type,
                        stream.title,
                        previous,
                        stream.state,
                        stream.replayEnabled,
                        stream.createdBy,
                        stream.audienceGroupId,
                        clock.instant()));
    }

    /**
     * Binding to a directory group is for ENTERPRISE streams watched by members only, and to a
     * group this service has heard of from permission-service. A group created a moment ago may not
     * have arrived yet (about a second); refusing it beats a stream nobody can be sent.
     *
     * @param groupGiven whether the request named the group (else the scope changed under it)
     */
    private static void requireBindable(
            String tenantId,
            StreamType type,
            WatchScope scope,
            String audienceGroupId,
            boolean groupGiven) {
        if (audienceGroupId == null) {
            return;
        }
        if (type != StreamType.ENTERPRISE) {
            throw new InvalidInput(
                    "audienceGroupId", "only ENTERPRISE streams can be bound to a directory group");
        }
        if (scope == WatchScope.EVERYONE) {
            throw new InvalidInput(
                    groupGiven ? "audienceGroupId" : "watchScope",
                    "a stream open to EVERYONE cannot be bound to a directory group");
        }
        if (groupGiven && !AudienceGroup.isKnown(tenantId, audienceGroupId)) {
            throw new InvalidInput(
                    "audienceGroupId",
                    "no directory group " + audienceGroupId + " is known in this tenant");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Transactional
    public StreamView get(String streamId) {
        return LiveStream.findInTenant(caller.tenantId(), streamId)
                .map(this::viewFor)
                .orElseThrow(() -> new NotFound("stream", streamId));
    }

    @Transactional
    public List<StreamView> list(int page, int size) {
        return LiveStream.<LiveStream>find(
                        "tenantId = ?1 order by createdAt desc", caller.tenantId())
                .page(page, size)
                .list()
                .stream()
                .map(this::viewFor)
                .toList();
    }

    /** The creator and tenant admins see where to publish; other members do not. */
    private StreamView viewFor(LiveStream stream) {
        boolean mayPublish =
                caller.is(Roles.TENANT_ADMIN) || stream.createdBy.equals(caller.memberId());
        return StreamView.of(
                stream,
                mayPublish ? publishBaseUrl + "/" + stream.id + "?key=" + stream.publishKey : null);
    }
}
