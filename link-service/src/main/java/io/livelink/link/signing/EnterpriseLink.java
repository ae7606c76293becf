package io.livelink.link.signing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The fields of an ENTERPRISE link, {@code /e/{streamId}?corp&ts&nonce&m&ch&utm_*&kid&sig}, and the
 * canonical text its signature covers: every field but the signature, in a fixed order, so changing
 * any character of the link breaks the signature.
 *
 * @param ts issue time, epoch seconds
 * @param nonce the link id, unique and random
 * @param m the member id, sealed by {@link MemberIdCipher}
 */
public record EnterpriseLink(
        String streamId,
        String corp,
        long ts,
        String nonce,
        String m,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign) {

    public String canonical() {
        return String.join(
                "\n",
                "livelink-enterprise-link-v1",
                streamId,
                corp,
                Long.toString(ts),
                nonce,
                m,
                channel,
                Objects.toString(utmSource, ""),
                Objects.toString(utmMedium, ""),
                Objects.toString(utmCampaign, ""));
    }

    public String url(String publicBaseUrl, LinkSigner.Signature signature) {
        StringJoiner query = new StringJoiner("&", publicBaseUrl + "/e/" + streamId + "?", "");
        query.add("corp=" + encode(corp));
        query.add("ts=" + ts);
        query.add("nonce=" + encode(nonce));
        query.add("m=" + encode(m));
        query.add("ch=" + encode(channel));
        if (utmSource != null) {
            query.add("utm_source=" + encode(utmSource));
        }
        if (utmMedium != null) {
            query.add("utm_medium=" + encode(utmMedium));
        }
        if (utmCampaign != null) {
            query.add("utm_campaign=" + encode(utmCampaign));
        }
        query.add("kid=" + encode(signature.keyId()));
        query.add("sig=" + encode(signature.value()));
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
