package io.livelink.link.grant;

import io.livelink.commons.refusal.Refused;
import io.livelink.events.BroadcastPolicy;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.livelink.link.tenant.DepartedMember;
import io.livelink.link.tenant.TenantProfile;
import io.livelink.link.tenant.TenantQualification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Decides from the local read models, with no call out, whether a tenant may run a stream type and
 * whether a member may broadcast now.
 */
@ApplicationScoped
public class BroadcastPermissions {

    private final Clock clock;

    public BroadcastPermissions(Clock clock) {
        this.clock = clock;
    }

    /**
     * Refuses with a precise 403 unless the tenant's live service is on and it is qualified for the
     * type.
     */
    public void requireTenantMayStream(String tenantId, StreamType type) {
        TenantProfile profile = TenantProfile.findById(tenantId);
        if (profile == null || !profile.liveServiceEnabled) {
            throw Refused.notAllowed(
                    "live-service-disabled",
                    "the live service is not enabled for tenant " + tenantId);
        }
        TenantQualification qualification =
                TenantQualification.findById(new TenantQualification.Key(tenantId, type));
        if (qualification == null || qualification.status != QualificationStatus.VERIFIED) {
            String state =
                    qualification == null
                            ? "not submitted"
                            : qualification.status.name().toLowerCase();
            throw Refused.notAllowed(
                    "tenant-not-qualified",
                    "tenant "
                            + tenantId
                            + " is not verified for "
                            + type
                            + " streams ("
                            + state
                            + ")");
        }
    }

    /** A current member broadcasts under ALL_MEMBERS, or with a grant in force. */
    public boolean mayBroadcast(String tenantId, String memberId) {
        if (DepartedMember.hasLeft(tenantId, memberId)) {
            return false;
        }
        TenantProfile profile = TenantProfile.findById(tenantId);
        if (profile == null || !profile.liveServiceEnabled) {
            return false;
        }
        if (profile.broadcastPolicy == BroadcastPolicy.ALL_MEMBERS) {
            return true;
        }
        Instant now = clock.instant();
        return BroadcastGrant.count(
                        "tenantId = ?1 and memberId = ?2 and revokedAt is null"
                                + " and grantedAt <= ?3 and (expiresAt is null or expiresAt > ?3)",
                        tenantId,
                        memberId,
                        now)
                > 0;
    }
}
