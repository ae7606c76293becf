package io.livelink.link.signing;

import java.time.Duration;

/** Signing settings for tests that build the signer or the cipher without a service. */
public record TestSigningSettings(String keys, String primary, String memberKey)
        implements SigningSettings {

    @Override
    public Duration clockSkew() {
        return Duration.ofSeconds(60);
    }
}
