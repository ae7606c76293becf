package io.livelink.permission.tenant;

import io.livelink.events.BroadcastPolicy;
import io.livelink.events.QualificationStatus;
import io.livelink.events.StreamType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of the tenant API. */
public final class TenantViews {

    private TenantViews() {}

    /**
     * @param liveServiceEnabled defaults to true
     * @param broadcastPolicy defaults to SELECTED_MEMBERS
     * @param timeZone an IANA zone; defaults to Asia/Shanghai
     */
    public record CreateTenant(
            @NotBlank
                    @Size(max = 64)
                    @Pattern(
                            regexp = "[a-z0-9][a-z0-9-]*",
                            message = "must be lower-case letters, digits and '-'")
                    String id,
            @NotBlank @Size(max = 200) String name,
            Boolean liveServiceEnabled,
            BroadcastPolicy broadcastPolicy,
            @Size(max = 64) String timeZone) {}

    /** Only the fields given change. */
    public record UpdateSettings(
            Boolean liveServiceEnabled,
            BroadcastPolicy broadcastPolicy,
            @Size(max = 64) String timeZone) {}

    public record SubmitQualification(@NotBlank @Size(max = 2000) String evidence) {}

    public record RejectQualification(@NotBlank @Size(max = 2000) String reason) {}

    public record QualificationView(
            StreamType streamType,
            QualificationStatus status,
            String evidence,
            String reason,
            String submittedBy,
            Instant submittedAt,
            String decidedBy,
            Instant decidedAt) {

        static QualificationView of(TenantQualification q) {
            return new QualificationView(
                    q.streamType,
                    q.status,
                    q.evidence,
                    q.reason,
                    q.submittedBy,
                    q.submittedAt,
                    q.decidedBy,
                    q.decidedAt);
        }
    }

    public record TenantView(
            String id,
            String name,
            boolean liveServiceEnabled,
            BroadcastPolicy broadcastPolicy,
            String timeZone,
            Instant createdAt,
            List<QualificationView> qualifications) {}
}
