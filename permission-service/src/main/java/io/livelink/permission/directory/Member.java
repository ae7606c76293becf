package io.livelink.permission.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A person in a tenant's directory. Members who leave stay, marked LEFT, for the audit trail. */
@Entity
@Table(name = "member")
@IdClass(Member.Key.class)
public class Member extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String LEFT = "LEFT";

    public record Key(String tenantId, String id) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id public String id;

    public String account;

    @Column(name = "display_name")
    public String displayName;

    public String email;
    public String phone;

    @Column(name = "organisation_id")
    public String organisationId;

    /** Directory roles, comma-separated in the column. */
    public String roles;

    public String status;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    public List<String> roleList() {
        return roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
