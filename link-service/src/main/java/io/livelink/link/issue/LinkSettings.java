package io.livelink.link.issue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "livelink.links")
public interface LinkSettings {

    /** The public origin links point at, e.g. https://live.example.com. */
    @WithDefault("http://127.0.0.1:8081")
    String publicBaseUrl();

    /** How long an H5 short link resolves (SPEC §1: six months). */
    @WithDefault("P180D")
    Duration h5Validity();

    /** The WeChat mini-program that plays MINI_PROGRAM streams (its appid is public). */
    @WithDefault("wx0000000000000000")
    String miniProgramAppId();

    /** The mini-program page that plays a stream; it receives {@code code} in its query. */
    @WithDefault("pages/live/index")
    String miniProgramPage();

    /** How long an ENTERPRISE member link resolves before it must be issued again (SPEC §1). */
    @WithDefault("PT15M")
    Duration enterpriseValidity();

    /**
     * Where a browser opening an H5 link is sent (303) with a player token; by default the page
     * this service serves at {@code {public-base-url}/player/}.
     */
    Optional<String> playerUrl();

    /**
     * How long the player token of that redirect can be exchanged ({@code GET /play/{token}}):
     * short, so a copied player URL soon stops working.
     */
    @WithDefault("PT60S")
    Duration playerTokenValidity();

    default String playerUrlOrDefault() {
        return playerUrl().orElse(publicBaseUrl() + "/player/");
    }
}
