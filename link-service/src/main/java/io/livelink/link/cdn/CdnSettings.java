package io.livelink.link.cdn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Which CDN verifies play URLs, and its keys. */
@ConfigMapping(prefix = "livelink.cdn")
public interface CdnSettings {

    enum Profile {
        /** HMAC-SHA256 with LiveLink's own link keys; for media servers that ask LiveLink. */
        NATIVE,
        /** Tencent Cloud live: txSecret = md5(key + streamName + txTime), txTime in hex. */
        TENCENT,
        /** Alibaba Cloud type A: auth_key = timestamp-rand-uid-md5(URI-timestamp-rand-uid-key). */
        ALIBABA,
        /** nginx secure_link_md5 "$secure_link_expires$uri <secret>". */
        NGINX
    }

    @WithDefault("native")
    Profile profile();

    /** Where players fetch media, e.g. https://play.example.com/live (the path's base). */
    @WithDefault("http://127.0.0.1:8080/live")
    String playBaseUrl();

    /** The CDN's primary key (TENCENT, ALIBABA, NGINX). */
    Optional<String> primaryKey();

    /** The CDN's backup key, used instead of the primary while the primary is being rotated. */
    Optional<String> backupKey();

    @WithDefault("false")
    boolean useBackupKey();

    /**
     * How long a signed play URL stays valid: short, since players get a fresh one with every
     * heartbeat and a revoked viewer's last URL stops working when it runs out.
     */
    @WithDefault("PT5M")
    Duration validity();

    /** The file players fetch under the stream's path: .m3u8 (HLS) or .flv (HTTP-FLV). */
    @WithDefault(".m3u8")
    String suffix();
}
