package io.livelink.link.media;

import io.livelink.commons.problem.ProblemException;
import io.livelink.events.StreamState;
import io.livelink.link.grant.BroadcastPermissions;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether an encoder may publish a stream now: the right stream key, a stream not ended, a tenant
 * still allowed to stream, and a creator still allowed to broadcast (grants are revoked through
 * events, so a revoked member's encoder is refused from then on). Shared by every media-server
 * callback format.
 */
@ApplicationScoped
public class PublishAuthorization {

    private final BroadcastPermissions permissions;

    public PublishAuthorization(BroadcastPermissions permissions) {
        this.permissions = permissions;
    }

    /** Returns normally when publishing is allowed; refuses with a 403 problem naming why. */
    @Transactional
    public void requireMayPublish(String streamId, String key) {
        LiveStream stream = streamId == null ? null : LiveStream.findById(streamId);
        if (stream == null || key == null || !constantTimeEquals(stream.publishKey, key)) {
            throw ProblemException.forbidden(
                    "bad-stream-key", "unknown stream or wrong stream key");
        }
        if (stream.state == StreamState.ENDED) {
            throw ProblemException.forbidden("stream-ended", "the stream has ended");
        }
        permissions.requireTenantMayStream(stream.tenantId, stream.type);
        if (!stream.createdByAdmin
                && !permissions.mayBroadcast(stream.tenantId, stream.createdBy)) {
            throw ProblemException.forbidden(
                    "no-broadcast-permission",
                    "member " + stream.createdBy + " may no longer broadcast");
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
