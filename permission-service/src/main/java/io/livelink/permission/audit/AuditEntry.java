package io.livelink.permission.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One immutable line of the audit trail; the table refuses updates and deletes. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "tenant_id")
    public String tenantId;

    public String actor;
    public String action;

    @Column(name = "subject_type")
    public String subjectType;

    @Column(name = "subject_id")
    public String subjectId;

    public String reason;
    public String details;
    public Instant at;
}
