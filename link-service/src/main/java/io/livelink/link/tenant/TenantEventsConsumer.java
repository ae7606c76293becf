package io.livelink.link.tenant;

import io.livelink.commons.consume.BatchConsumer;
import io.livelink.commons.consume.Consumption;
import io.livelink.commons.consume.EachEventHandler;
import io.livelink.commons.consume.ExactlyOnce;
import io.livelink.events.DirectoryGroupChanged;
import io.livelink.events.EventType;
import io.livelink.events.LiveLinkEvent;
import io.livelink.events.MemberJoined;
import io.livelink.events.MemberLeft;
import io.livelink.events.TenantQualificationChanged;
import io.livelink.events.TenantSettingsChanged;
import io.livelink.link.audience.AudienceGroups;
import io.livelink.link.revoke.LinkRevocation;
import io.livelink.link.view.RevocationLog;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tenant and directory read models (directory groups included) in step with
 * permission-service, so stream creation, publishing and link issuance are decided here without a
 * call out. Idempotent like every consumer.
 */
@ApplicationScoped
public class TenantEventsConsumer implements EachEventHandler<LiveLinkEvent> {

    public static final String TENANT_CHANNEL = "tenant-events";
    public static final String DIRECTORY_CHANNEL = "directory-events";
    private static final Consumption<LiveLinkEvent> CONSUMPTION =
            new Consumption<>(
                    "link-service/tenants",
                    ExactlyOnce.PROCESSED_EVENT_MARKS,
                    LiveLinkEvent.class,
                    Set.of(
                            EventType.TENANT_SETTINGS_CHANGED,
                            EventType.TENANT_QUALIFICATION_CHANGED,
                            EventType.MEMBER_LEFT,
                            EventType.MEMBER_JOINED,
                            EventType.DIRECTORY_GROUP_CHANGED),
                    Consumption.OtherEvents.IGNORED);

    private final BatchConsumer batches;
    private final AudienceGroups audienceGroups;
    private final LinkRevocation revocation;
    private final RevocationLog revocationLog;

    public TenantEventsConsumer(
            BatchConsumer batches,
            AudienceGroups audienceGroups,
            LinkRevocation revocation,
            RevocationLog revocationLog) {
        this.batches = batches;
        this.audienceGroups = audienceGroups;
        this.revocation = revocation;
        this.revocationLog = revocationLog;
    }

    @Incoming(TENANT_CHANNEL)
    @Blocking
    public void consumeTenantEvents(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Incoming(DIRECTORY_CHANNEL)
    @Blocking
    public void consumeDirectoryEvents(ConsumerRecords<String, String> records) {
        batches.consume(records, this);
    }

    @Override
    public Consumption<LiveLinkEvent> consumption() {
        return CONSUMPTION;
    }

    @Override
    public void applyOne(LiveLinkEvent event) {
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
            memberLeft(left);
        } else if (event instanceof MemberJoined joined) {
            memberJoined(joined);
        } else if (event instanceof DirectoryGroupChanged changed) {
            audienceGroups.apply(changed);
        }
    }

    /**
     * A member who leaves loses their links and their open views at once, whatever their timing:
     * views opened a moment before the departure arrived are refused at their next heartbeat, and
     * analytics ends them as of the departure.
     */
    private void memberLeft(MemberLeft left) {
        DirectoryMember.deleteById(new DirectoryMember.Key(left.tenantId(), left.memberId()));
        if (!DepartedMember.hasLeft(left.tenantId(), left.memberId())) {
            DepartedMember departed = new DepartedMember();
            departed.tenantId = left.tenantId();
            departed.memberId = left.memberId();
            departed.leftAt = left.leftAt();
            departed.persist();
        }
        revocationLog.memberLeft(left.tenantId(), left.memberId(), left.leftAt());
        revocation.revokeMemberIn(left.tenantId(), left.memberId(), "member left");
    }

    private void memberJoined(MemberJoined joined) {
        DirectoryMember member =
                DirectoryMember.findById(
                        new DirectoryMember.Key(joined.tenantId(), joined.memberId()));
        if (member == null) {
            member = new DirectoryMember();
            member.tenantId = joined.tenantId();
            member.memberId = joined.memberId();
        }
        member.joinedAt = joined.joinedAt();
        member.persist();
        if (DepartedMember.deleteById(
                new DepartedMember.Key(joined.tenantId(), joined.memberId()))) {
            revocationLog.memberReturned(joined.tenantId(), joined.memberId(), joined.joinedAt());
        }
    }
}
