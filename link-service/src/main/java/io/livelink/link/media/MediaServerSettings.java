package io.livelink.link.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The media server encoders publish to, and how its callbacks prove they come from it. */
@ConfigMapping(prefix = "livelink.media")
public interface MediaServerSettings {

    /**
     * Where encoders publish: the media server's RTMP application; a stream's publish URL is this
     * plus {@code /{streamId}?key={streamKey}}.
     */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String publishBaseUrl();

    /**
     * The secret media servers put in their callback URLs ({@code ?secret=}), since nginx-rtmp and
     * SRS cannot add headers. Unset: callbacks are accepted by address instead.
     */
    Optional<String> callbackSecret();

    /** Without a secret, the addresses or CIDR blocks whose callbacks are accepted. */
    @WithDefault("127.0.0.1,::1")
    List<String> callbackAllowedAddresses();
}
