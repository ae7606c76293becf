package io.livelink.link.tenant;

import io.livelink.commons.security.Caller;
import io.livelink.link.issue.LinkSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Which WeChat mini-program plays a tenant's MINI_PROGRAM streams: its own when its admin set one,
 * else the configured default ({@code livelink.links.mini-program-app-id} and {@code …-page}).
 */
@ApplicationScoped
public class MiniPrograms {

    /**
     * @param own whether the tenant set it (else it is the configured default)
     */
    public record MiniProgram(
            String tenantId, String appId, String page, boolean own, Instant updatedAt) {}

    private final Caller caller;
    private final LinkSettings settings;
    private final Clock clock;

    public MiniPrograms(Caller caller, LinkSettings settings, Clock clock) {
        this.caller = caller;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * For issuing links, in the issuer's transaction: no caller check, the stream already belongs
     * to the tenant.
     */
    public static MiniProgram of(String tenantId, LinkSettings defaults) {
        TenantMiniProgram own = TenantMiniProgram.findById(tenantId);
        if (own == null) {
            return new MiniProgram(
                    tenantId, defaults.miniProgramAppId(), defaults.miniProgramPage(), false, null);
        }
        return new MiniProgram(
                tenantId,
                own.appId,
                own.page != null ? own.page : defaults.miniProgramPage(),
                true,
                own.updatedAt);
    }

    @Transactional
    public MiniProgram get(String tenantId) {
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        return of(tenantId, settings);
    }

    @Transactional
    public MiniProgram set(String tenantId, String appId, String page) {
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        TenantMiniProgram own = TenantMiniProgram.findById(tenantId);
        if (own == null) {
            own = new TenantMiniProgram();
            own.tenantId = tenantId;
        }
        own.appId = appId;
        own.page = page;
        own.updatedBy = caller.memberId();
        own.updatedAt = clock.instant();
        own.persist();
        return of(tenantId, settings);
    }

    /** Back to the configured default; links issued before keep the appid they were issued with. */
    @Transactional
    public void clear(String tenantId) {
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        TenantMiniProgram.deleteById(tenantId);
    }
}
