package io.livelink.link.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkSignerTest {

    private static final String OLD =
            "k1:"
                    + Base64.getEncoder()
                            .encodeToString("old-secret-old-secret-old-secret!".getBytes());
    private static final String NEW =
            "k2:"
                    + Base64.getEncoder()
                            .encodeToString("new-secret-new-secret-new-secret!".getBytes());

    @Test
    void linksSignedByTheOldKeyResolveUntilItIsRetired() {
        LinkSigner before = signer(OLD, "k1");
        LinkSigner.Signature old = before.sign("canonical");
        assertThat(old.keyId()).isEqualTo("k1");

        // Rotation step 1+2: the new key is added and promoted; the old one still verifies.
        LinkSigner during = signer(OLD + "," + NEW, "k2");
        assertThat(during.sign("canonical").keyId()).isEqualTo("k2");
        assertThat(during.verify("k1", "canonical", old.value())).isTrue();

        // Step 3: the old key is retired; its links are refused.
        LinkSigner after = signer(NEW, "k2");
        assertThat(after.verify("k1", "canonical", old.value())).isFalse();
        assertThat(after.verify("k2", "canonical", during.sign("canonical").value())).isTrue();
    }

    @Test
    void anyChangeToTheTextOrSignatureIsRefused() {
        LinkSigner signer = signer(OLD, "k1");
        LinkSigner.Signature signature = signer.sign("canonical");
        assertThat(signer.verify("k1", "canonicaL", signature.value())).isFalse();
        assertThat(signer.verify("k1", "canonical", signature.value().substring(1))).isFalse();
        assertThat(signer.verify("k9", "canonical", signature.value())).isFalse();
        assertThat(signer.verify(null, "canonical", null)).isFalse();
    }

    @Test
    void misconfiguredKeysStopTheServiceWithAClearReason() {
        assertThatThrownBy(() -> signer(OLD, "k2")).hasMessageContaining("primary");
        assertThatThrownBy(() -> signer("k1:c2hvcnQ=", "k1"))
                .hasMessageContaining("shorter than 32 bytes");
        assertThatThrownBy(() -> signer("k1:change-me!", "k1")).hasMessageContaining("not base64");
    }

    @Test
    void memberIdsAreSealedForOneStream() {
        MemberIdCipher cipher = new MemberIdCipher(settings(OLD, "k1"));
        String sealed = cipher.encrypt("zhang.san", "stream-1");
        assertThat(sealed).doesNotContain("zhang");
        assertThat(cipher.decrypt(sealed, "stream-1")).contains("zhang.san");
        assertThat(cipher.decrypt(sealed, "stream-2")).isEmpty();
        assertThat(cipher.decrypt("AAAA" + sealed.substring(4), "stream-1")).isEmpty();
        assertThat(cipher.decrypt("%%%", "stream-1")).isEmpty();
        assertThat(cipher.encrypt("zhang.san", "stream-1")).isNotEqualTo(sealed);
    }

    private static LinkSigner signer(String keys, String primary) {
        return new LinkSigner(settings(keys, primary));
    }

    private static SigningSettings settings(String keys, String primary) {
        return new TestSigningSettings(
                keys, primary, Base64.getEncoder().encodeToString(new byte[32]));
    }
}
