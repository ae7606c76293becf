package io.livelink.link.audience;

import io.livelink.events.DirectoryGroupChanged;
import io.livelink.link.issue.StreamLink;
import io.livelink.link.revoke.LinkRevocation;
import io.livelink.link.stream.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies {@link DirectoryGroupChanged} snapshots to the audience read model. A member who drops
 * out of a group loses, at once, the open views of streams bound to it that they may no longer
 * watch, as a member who leaves the tenant does.
 */
@ApplicationScoped
public class AudienceGroups {

    private final LinkRevocation revocation;

    public AudienceGroups(LinkRevocation revocation) {
        this.revocation = revocation;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DirectoryGroupChanged changed) {
        AudienceGroup group =
                AudienceGroup.findById(
                        new AudienceGroup.Key(changed.tenantId(), changed.groupId()),
                        LockModeType.PESSIMISTIC_WRITE);
        if (group != null && group.changedAt.isAfter(changed.changedAt())) {
            return; // a later snapshot was applied already
        }
        if (group == null) {
            group = new AudienceGroup();
            group.tenantId = changed.tenantId();
            group.groupId = changed.groupId();
        }
        group.name = changed.name();
        group.changedAt = changed.changedAt();
        group.persist();

        Set<String> wanted = new HashSet<>(changed.memberIds());
        // Ids only: managed rows would outlive the bulk delete below in the persistence context.
        List<String> current =
                AudienceMember.getEntityManager()
                        .createQuery(
                                "select m.memberId from AudienceMember m"
                                        + " where m.tenantId = ?1 and m.groupId = ?2",
                                String.class)
                        .setParameter(1, group.tenantId)
                        .setParameter(2, group.groupId)
                        .getResultList();
        List<String> removed = current.stream().filter(m -> !wanted.contains(m)).toList();
        wanted.removeAll(current);
        if (!removed.isEmpty()) {
            AudienceMember.delete(
                    "tenantId = ?1 and groupId = ?2 and memberId in ?3",
                    group.tenantId,
                    group.groupId,
                    removed);
        }
        for (String memberId : wanted) {
            AudienceMember member = new AudienceMember();
            member.tenantId = group.tenantId;
            member.groupId = group.groupId;
            member.memberId = memberId;
            member.persist();
        }
        if (!removed.isEmpty()) {
            endViewsNoLongerAdmitted(group, removed);
        }
    }

    /**
     * Revokes the removed members' links of streams bound to the group, except those the stream
     * still admits (its lecturer, an admin's own): their open views end with the links.
     */
    private void endViewsNoLongerAdmitted(AudienceGroup group, List<String> removed) {
        List<StreamLink> noLongerAdmitted =
                StreamLink.liveOfMembersInGroup(group.tenantId, removed, group.groupId).stream()
                        .filter(
                                link -> {
                                    LiveStream stream = LiveStream.findById(link.streamId);
                                    return !stream.admits(link.memberId, link.issuedToAdmin);
                                })
                        .toList();
        revocation.revoke(noLongerAdmitted, "removed from audience group");
    }
}
