package io.livelink.analytics.training.classes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "training_class")
public class TrainingClass extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String code;

    public String name;

    @Column(name = "class_type")
    public String classType;

    @Enumerated(EnumType.STRING)
    @Column(name = "training_mode")
    public TrainingMode trainingMode;

    /** The directory group the class becomes when synced; its streams are bound to it. */
    @Column(name = "group_id")
    public String groupId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "synced_at")
    public Instant syncedAt;

    @Column(name = "attendance_updated_at")
    public Instant attendanceUpdatedAt;

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(name = "report_error")
    public String reportError;
}
