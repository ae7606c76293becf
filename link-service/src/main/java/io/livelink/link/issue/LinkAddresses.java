package io.livelink.link.issue;

import io.livelink.link.tenant.MiniPrograms;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What viewers open for a short code: the H5 short link, or the WeChat URL scheme and page path of
 * a MINI_PROGRAM link. Issuing and listing links build them the same way, so a listed link is the
 * one that was handed out.
 */
@ApplicationScoped
public class LinkAddresses {

    /**
     * @param scheme the plaintext URL scheme {@code weixin://dl/business} for sharing
     * @param pagePath the page path with query for official-account menus and articles
     */
    public record MiniProgramAddress(String scheme, String pagePath) {}

    private final LinkSettings settings;

    public LinkAddresses(LinkSettings settings) {
        this.settings = settings;
    }

    public String shortLink(String shortCode) {
        return settings.publicBaseUrl() + "/s/" + shortCode;
    }

    /**
     * In a transaction: the tenant's own mini-program, if it set one, is read from the database.
     */
    public MiniProgramAddress miniProgram(String tenantId, String shortCode, String channel) {
        MiniPrograms.MiniProgram target = MiniPrograms.of(tenantId, settings);
        String query = "code=" + shortCode + "&ch=" + channel;
        String scheme =
                "weixin://dl/business/?appid="
                        + target.appId()
                        + "&path="
                        + target.page()
                        + "&query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return new MiniProgramAddress(scheme, target.page() + "?" + query);
    }
}
