package io.livelink.link.tenant;

import io.livelink.commons.inbox.ProcessedEvents;
import io.livelink.events.DirectoryGroupChanged;
import io.livelink.events.EventCodec;
import io.livelink.events.EventEnvelope;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.link.audience.AudienceGroups;
import io.livelink.link.session.ViewSessions;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tenant and directory read models (directory groups included) in step with
 * permission-service, so stream creation, publishing and link issuance are decided here without a
 * call out. Idempotent like every consumer.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    public static final String TENANT_CHANNEL = "tenant-events";
    public static final String DIRECTORY_CHANNEL = "directory-events";
    private static final String CONSUMER = "link-service/tenants";

    private final ProcessedEvents processed;
    private final ViewSessions sessions;
    private final AudienceGroups audienceGroups;

    public TenantEventsConsumer(
            ProcessedEvents processed, ViewSessions sessions, AudienceGroups audienceGroups) {
        this.processed = processed;
        this.sessions = sessions;
        this.audienceGroups = audienceGroups;
    }

    @Incoming(TENANT_CHANNEL)
    @Blocking
    @Transactional
    public void applyTenantEvent(String record) {
        apply(record);
    }

    @Incoming(DIRECTORY_CHANNEL)
    @Blocking
    @Transactional
    public void applyDirectoryEvent(String record) {
        apply(record);
    }

    private void apply(String record) {
        EventEnvelope envelope = EventCodec.decode(record);
        if (!processed.firstDelivery(CONSUMER, envelope.id())) {
            return;
        }
        LiveLinkEvent event = EventCodec.data(envelope);
        if (event instanceof TenantSettingsChanged settings) {
            TenantProfile profile = TenantProfile.findById(settings.tenantId());
            if (profile == null) {
                profile = new TenantProfile();
                profile.tenantId = settings.tenantId();
            }
            profile.liveServiceEnabled = settings.liveServiceEnabled();
            profile.broadcastPolicy = settings.broadcastPolicy();
            profile.timeZone = settings.timeZone();
            profile.updatedAt = settings.changedAt();
            profile.persist();
        } else if (event instanceof TenantQualificationChanged changed) {
            TenantQualification qualification =
                    TenantQualification.findById(
                            new TenantQualification.Key(changed.tenantId(), changed.streamType()));
            if (qualification == null) {
                qualification = new TenantQualification();
                qualification.tenantId = changed.tenantId();
                qualification.streamType = changed.streamType();
            }
            qualification.status = changed.status();
            qualification.reason = changed.reason();
            qualification.updatedAt = changed.changedAt();
            qualification.persist();
        } else if (event instanceof MemberLeft left) {
            sessions.closeSessionsOf(left.tenantId(), left.memberId());
            if (!DepartedMember.hasLeft(left.tenantId(), left.memberId())) {
                DepartedMember departed = new DepartedMember();
                departed.tenantId = left.tenantId();
                departed.memberId = left.memberId();
                departed.leftAt = left.leftAt();
                departed.persist();
            }
        } else if (event instanceof MemberJoined joined) {
            DepartedMember.deleteById(new DepartedMember.Key(joined.tenantId(), joined.memberId()));
        } else if (event instanceof DirectoryGroupChanged changed) {
            audienceGroups.apply(changed);
        }
    }
}
