package io.livelink.link.tenant;

import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** This service's copy of a tenant's qualification for one stream type. */
@Entity
@Table(name = "tenant_qualification")
@IdClass(TenantQualification.Key.class)
public class TenantQualification extends PanacheEntityBase {

    public record Key(String tenantId, StreamType streamType) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "stream_type")
    public StreamType streamType;

    @Enumerated(EnumType.STRING)
    public QualificationStatus status;

    public String reason;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
