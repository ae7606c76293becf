package io.livelink.link.stream;

import io.livelink.commons.outbox.EventPublisher;
import io.livelink.commons.problem.ProblemException;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.link.grant.BroadcastPermissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StreamService {

    private final Caller caller;
    private final BroadcastPermissions permissions;
    private final EventPublisher events;
    private final Clock clock;

    public StreamService(
            Caller caller, BroadcastPermissions permissions, EventPublisher events, Clock clock) {
        this.caller = caller;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a SCHEDULED stream. Tenant admins may always; members only while they hold a
     * broadcast grant from permission-service.
     */
    @Transactional
    public StreamView create(CreateStreamRequest request) {
        String tenantId = caller.tenantId();
        String memberId = caller.memberId();
        if (!caller.is(Roles.TENANT_ADMIN) && !permissions.mayBroadcast(tenantId, memberId)) {
            throw ProblemException.forbidden(
                    "no-broadcast-permission",
                    "member " + memberId + " holds no broadcast permission in tenant " + tenantId);
        }
        LiveStream stream = new LiveStream();
        stream.id = UUID.randomUUID().toString();
        stream.tenantId = tenantId;
        stream.type = request.type();
        stream.title = request.title().strip();
        stream.watchScope =
                request.watchScope() != null
                        ? request.watchScope()
                        : request.type() == StreamType.ENTERPRISE
                                ? WatchScope.EMPLOYEES_ONLY
                                : WatchScope.EVERYONE;
        stream.replayEnabled = request.replayEnabled() == null || request.replayEnabled();
        stream.state = StreamState.SCHEDULED;
        stream.createdBy = memberId;
        stream.createdAt = clock.instant();
        stream.persist();
        events.publish(
                new StreamStateChanged(
                        stream.id,
                        tenantId,
                        stream.type,
                        stream.title,
                        null,
                        stream.state,
                        stream.replayEnabled,
                        stream.createdAt));
        return StreamView.of(stream);
    }

    @Transactional
    public StreamView get(String streamId) {
        return LiveStream.findInTenant(caller.tenantId(), streamId)
                .map(StreamView::of)
                .orElseThrow(() -> ProblemException.notFound("stream", streamId));
    }

    @Transactional
    public List<StreamView> list(int page, int size) {
        return LiveStream.<LiveStream>find(
                        "tenantId = ?1 order by createdAt desc", caller.tenantId())
                .page(page, size)
                .list()
                .stream()
                .map(StreamView::of)
                .toList();
    }
}
