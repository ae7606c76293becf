package io.livelink.link.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livelink.commons.problem.RefusalProblems;
import io.livelink.commons.refusal.Refused;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackAuthenticationTest {

    private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

    @Test
    void withoutASecretOnlyAllowListedAddressesAreAccepted() {
        CallbackAuthentication auth = new CallbackAuthentication(Optional.empty(), LOOPBACK);
        assertThat(auth.authenticated(null, "127.0.0.1")).isTrue();
        assertThat(auth.authenticated(null, "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(auth.authenticated(null, "[::1]")).isTrue();
        assertThat(auth.authenticated("anything", "127.0.0.1")).isTrue();
        assertThat(auth.authenticated(null, "127.0.0.2")).isFalse();
        assertThat(auth.authenticated(null, "10.1.2.3")).isFalse();
        assertThat(auth.authenticated(null, "localhost")).isFalse();
        assertThat(auth.authenticated(null, null)).isFalse();
    }

    @Test
    void allowListEntriesMayBeCidrBlocks() {
        CallbackAuthentication auth =
                new CallbackAuthentication(
                        Optional.empty(), List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8"));
        assertThat(auth.authenticated(null, "10.200.3.4")).isTrue();
        assertThat(auth.authenticated(null, "11.0.0.1")).isFalse();
        assertThat(auth.authenticated(null, "192.168.1.7")).isTrue();
        assertThat(auth.authenticated(null, "192.168.1.8")).isFalse();
        assertThat(auth.authenticated(null, "fd12::1")).isTrue();
        assertThat(auth.authenticated(null, "fe80::1")).isFalse();
        assertThat(auth.authenticated(null, "127.0.0.1")).isFalse();
    }

    @Test
    void aBadAllowListEntryFailsAtStartup() {
        assertThatThrownBy(
                        () -> new CallbackAuthentication(Optional.empty(), List.of("media-server")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("media-server");
        assertThatThrownBy(
                        () -> new CallbackAuthentication(Optional.empty(), List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withASecretOnlyTheSecretCountsWhereverTheCallerIs() {
        CallbackAuthentication auth = new CallbackAuthentication(Optional.of("s3cret"), LOOPBACK);
        assertThat(auth.authenticated("s3cret", "10.9.8.7")).isTrue();
        assertThat(auth.authenticated("s3cret", "127.0.0.1")).isTrue();
        assertThat(auth.authenticated(null, "127.0.0.1")).isFalse();
        assertThat(auth.authenticated("", "127.0.0.1")).isFalse();
        assertThat(auth.authenticated("s3cre", "127.0.0.1")).isFalse();
        assertThat(auth.authenticated("s3cret ", "127.0.0.1")).isFalse();
        assertThat(auth.authenticated("S3CRET", "127.0.0.1")).isFalse();
    }

    @Test
    void aRefusalIsA403NamingNothingButTheReason() {
        CallbackAuthentication auth = new CallbackAuthentication(Optional.of("s3cret"), LOOPBACK);
        assertThatThrownBy(() -> auth.require("wrong", "127.0.0.1"))
                .isInstanceOfSatisfying(
                        Refused.class,
                        e -> {
                            assertThat(RefusalProblems.problemOf(e).status()).isEqualTo(403);
                            assertThat(e.reason()).isEqualTo("callback-not-authenticated");
                            assertThat(e.detail()).doesNotContain("s3cret", "127.0.0.1");
                        });
    }

    @Test
    void queryArgumentsAreReadAsMediaServersPassThem() {
        assertThat(QueryStrings.argument("?key=abc&session=s-1", "key")).contains("abc");
        assertThat(QueryStrings.argument("?key=abc&session=s-1", "session")).contains("s-1");
        assertThat(QueryStrings.argument("key=a%2Bb", "key")).contains("a+b");
        assertThat(QueryStrings.argument("?keyx=1", "key")).isEmpty();
        assertThat(QueryStrings.argument("", "key")).isEmpty();
        assertThat(QueryStrings.argument(null, "key")).isEmpty();
    }
}
