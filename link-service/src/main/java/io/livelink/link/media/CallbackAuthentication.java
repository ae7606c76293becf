package io.livelink.link.media;

import io.livelink.commons.refusal.Refused;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the media-server callbacks. With {@code livelink.media.callback-secret} set, the
 * callback URL must carry it as the query parameter {@code secret} (nginx-rtmp and SRS cannot add
 * headers, so the secret is part of the URL configured in the media server), compared in constant
 * time; the caller's address does not matter then. Without a secret, only callers from {@code
 * livelink.media.callback-allowed-addresses} (addresses or CIDR blocks, default the loopback
 * addresses) are accepted. Everything else is refused with 403 {@code callback-not-authenticated}
 * and nothing more.
 */
@ApplicationScoped
public class CallbackAuthentication {

    private final Optional<byte[]> secretDigest;
    private final List<Block> allowed;

    @Inject
    public CallbackAuthentication(MediaServerSettings settings) {
        this(settings.callbackSecret(), settings.callbackAllowedAddresses());
    }

    CallbackAuthentication(Optional<String> secret, List<String> allowedAddresses) {
        this.secretDigest = secret.filter(s -> !s.isBlank()).map(CallbackAuthentication::sha256);
        this.allowed =
                allowedAddresses.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(Block::parse)
                        .toList();
    }

    /**
     * Returns normally when the callback is authenticated; refuses with a 403 problem otherwise.
     */
    public void require(String givenSecret, HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        require(givenSecret, remote == null ? null : remote.hostAddress());
    }

    void require(String givenSecret, String remoteAddress) {
        if (!authenticated(givenSecret, remoteAddress)) {
            throw Refused.notAllowed(
                    "callback-not-authenticated", "the callback is not authenticated");
        }
    }

    boolean authenticated(String givenSecret, String remoteAddress) {
        if (secretDigest.isPresent()) {
            // Digests of equal length: the comparison reveals neither the content nor the length.
            return givenSecret != null
                    && MessageDigest.isEqual(secretDigest.get(), sha256(givenSecret));
        }
        Optional<InetAddress> address = literal(remoteAddress);
        return address.isPresent()
                && allowed.stream().anyMatch(block -> block.contains(address.get()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses an IP literal only (never a DNS lookup); anything else is empty. */
    static Optional<InetAddress> literal(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String value = address.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (!value.matches("[0-9a-fA-F:.]+") || !(value.contains(".") || value.contains(":"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One allow-list entry: an address, or a CIDR block like {@code 10.0.0.0/8}. */
    private record Block(byte[] network, int prefixLength) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network =
                    literal(host)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "livelink.media.callback-allowed-addresses: not an IP address or CIDR block: "
                                                            + entry))
                            .getAddress();
            int length =
                    slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (length < 0 || length > network.length * 8) {
                throw new IllegalArgumentException(
                        "livelink.media.callback-allowed-addresses: bad prefix length: " + entry);
            }
            return new Block(network, length);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask =
                    BigInteger.ONE
                            .shiftLeft(bits)
                            .subtract(BigInteger.ONE)
                            .xor(
                                    BigInteger.ONE
                                            .shiftLeft(bits - prefixLength)
                                            .subtract(BigInteger.ONE));
            return new BigInteger(1, candidate)
                    .and(mask)
                    .equals(new BigInteger(1, network).and(mask));
        }
    }
}
