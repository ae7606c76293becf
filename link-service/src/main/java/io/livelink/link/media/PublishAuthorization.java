package io.livelink.link.media;

import io.livelink.commons.refusal.Refused;
import io.livelink.events.StreamState;
import io.livelink.link.grant.BroadcastPermissions;
import io.livelink.link.stream.EncoderDrivenState;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether an encoder may publish a stream now: the right stream key, a stream not ended, a tenant
 * still allowed to stream, and a creator still allowed to broadcast (grants are revoked through
 * events, so a revoked member's encoder is refused from then on). An encoder let in makes the
 * stream LIVE; one that stops starts its end. Shared by every media-server callback format.
 */
@ApplicationScoped
public class PublishAuthorization {

    private final BroadcastPermissions permissions;
    private final EncoderDrivenState states;

    public PublishAuthorization(BroadcastPermissions permissions, EncoderDrivenState states) {
        this.permissions = permissions;
        this.states = states;
    }

    /**
     * Lets the encoder in (the stream becomes LIVE) or refuses with a 403 problem naming why; the
     * refusal rolls nothing forward.
     */
    @Transactional
    public void admit(String streamId, String key) {
        LiveStream stream = withKey(streamId, key);
        if (stream == null) {
            throw Refused.notAllowed("bad-stream-key", "unknown stream or wrong stream key");
        }
        if (stream.state == StreamState.ENDED) {
            throw Refused.notAllowed("stream-ended", "the stream has ended");
        }
        permissions.requireTenantMayStream(stream.tenantId, stream.type);
        if (!stream.createdByAdmin
                && !permissions.mayBroadcast(stream.tenantId, stream.createdBy)) {
            throw Refused.notAllowed(
                    "no-broadcast-permission",
                    "member " + stream.createdBy + " may no longer broadcast");
        }
        states.publishing(stream);
    }

    /**
     * The media server says the stream's encoder stopped. Only the encoder's own URL carries the
     * stream key, so a notification without it (a player's, or a wrong key) changes nothing.
     */
    @Transactional
    public void stopped(String streamId, String key) {
        LiveStream stream = withKey(streamId, key);
        if (stream != null) {
            states.encoderLeft(stream);
        }
    }

    /** The stream, locked for this transaction, if the key is its stream key; else null. */
    private static LiveStream withKey(String streamId, String key) {
        if (streamId == null || key == null || streamId.length() > 64) {
            return null;
        }
        LiveStream stream = LiveStream.findById(streamId, LockModeType.PESSIMISTIC_WRITE);
        return stream != null && constantTimeEquals(stream.publishKey, key) ? stream : null;
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
