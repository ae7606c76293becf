package io.livelink.link.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A member who left their tenant; whatever their token says, they may no longer act in it. */
@Entity
@Table(name = "departed_member")
@IdClass(DepartedMember.Key.class)
public class DepartedMember extends PanacheEntityBase {

    public record Key(String tenantId, String memberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "left_at")
    public Instant leftAt;

    public static boolean hasLeft(String tenantId, String memberId) {
        return findById(new Key(tenantId, memberId)) != null;
    }
}
