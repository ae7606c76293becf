package io.livelink.commons.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodySignatureTest {

    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"event\":\"permission-request.approved\"}";

    /**
     * Computed independently: {@code printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac
     * whsec_test}.
     */
    private static final String KNOWN =
            "t=1700000000,v1=88855f87a72a5d085f4f45b10bf2c0c4b98fe4d1c6b93b656407164b0a027fb3";

    @Test
    void signsTheTimestampAndBodyAsReceiversRecomputeThem() {
        assertThat(BodySignature.sign(SECRET, 1_700_000_000L, BODY)).isEqualTo(KNOWN);
    }

    @Test
    void verifiesItsOwnSignature() {
        assertThat(BodySignature.verify(SECRET, KNOWN, BODY)).isTrue();
        String chinese = "{\"reason\":\"季度直播培训\"}";
        assertThat(BodySignature.verify(SECRET, BodySignature.sign(SECRET, 42, chinese), chinese))
                .isTrue();
    }

    @Test
    void refusesAnAlteredBodyAnotherSecretOrAMovedTimestamp() {
        assertThat(BodySignature.verify(SECRET, KNOWN, BODY + " ")).isFalse();
        assertThat(BodySignature.verify("whsec_other", KNOWN, BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, KNOWN.replace("1700000000", "1700000001"), BODY))
                .isFalse();
    }

    @Test
    void refusesWhatIsNotASignatureHeader() {
        assertThat(BodySignature.verify(SECRET, null, BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, "", BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, KNOWN.toUpperCase(), BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, KNOWN + ",v0=00", BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, "v1=" + KNOWN.substring(16), BODY)).isFalse();
        assertThat(BodySignature.verify(SECRET, "t=99999999999999999999,v1=00", BODY)).isFalse();
    }
}
