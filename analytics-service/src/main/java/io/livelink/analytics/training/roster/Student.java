package io.livelink.analytics.training.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A student of one class. ID number and phone are kept encrypted ({@code PersonalData}). */
@Entity
@Table(name = "training_student")
public class Student extends PanacheEntityBase {

    @Id public String id;

    @Column(name = "class_id")
    public String classId;

    @Column(name = "tenant_id")
    public String tenantId;

    /** The student's directory member id: who their view events name as viewer. */
    @Column(name = "member_id")
    public String memberId;

    public String name;

    @Enumerated(EnumType.STRING)
    public Gender gender;

    @Column(name = "id_number_cipher")
    public String idNumberCipher;

    @Column(name = "phone_cipher")
    public String phoneCipher;

    @Enumerated(EnumType.STRING)
    public Education education;

    @Enumerated(EnumType.STRING)
    public StudentStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "activated_by")
    public String activatedBy;

    public boolean activated() {
        return status == StudentStatus.ACTIVATED;
    }
}
