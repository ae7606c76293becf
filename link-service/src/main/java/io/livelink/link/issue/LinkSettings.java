package io.livelink.link.issue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "livelink.links")
public interface LinkSettings {

    /** The public origin links point at, e.g. https://live.example.com. */
    @WithDefault("http://127.0.0.1:8081")
    String publicBaseUrl();

    /** How long an H5 short link resolves (SPEC §1: six months). */
    @WithDefault("P180D")
    Duration h5Validity();

    /** How long an ENTERPRISE member link resolves before it must be issued again (SPEC §1). */
    @WithDefault("PT15M")
    Duration enterpriseValidity();
}
