package io.livelink.permission.directory;

import io.livelink.commons.personaldata.Phones;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of the directory API. */
public final class DirectoryViews {

    private DirectoryViews() {}

    static final String PHONE_PATTERN = "\\+?[0-9][0-9 -]{5,30}";

    public record CreateOrganisation(@NotBlank @Size(max = 200) String name, String parentId) {}

    public record OrganisationView(String id, String name, String parentId, Instant createdAt) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.parentId, o.createdAt);
        }
    }

    /**
     * @param id the member id used in tokens and events; generated when absent
     */
    public record CreateMember(
            @Size(max = 128)
                    @Pattern(
                            regexp = "[A-Za-z0-9._@-]+",
                            message = "must be letters, digits, '.', '_', '@' or '-'")
                    String id,
            @NotBlank @Size(max = 200) String account,
            @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 200) String email,
            @Pattern(regexp = PHONE_PATTERN, message = "must be a phone number") String phone,
            String organisationId,
            List<@NotBlank @Size(max = 50) String> roles) {}

    /** Only the fields given change. */
    public record UpdateMember(
            @Size(min = 1, max = 200) String displayName,
            @Email @Size(max = 200) String email,
            @Pattern(regexp = PHONE_PATTERN, message = "must be a phone number") String phone,
            List<@NotBlank @Size(max = 50) String> roles) {}

    public record MoveMember(String organisationId) {}

    /** A member as lists show it: the phone masked. */
    public record MemberView(
            String id,
            String account,
            String displayName,
            String email,
            String phone,
            String organisationId,
            List<String> roles,
            String status,
            Instant joinedAt,
            Instant leftAt) {

        static MemberView of(Member m) {
            return new MemberView(
                    m.id,
                    m.account,
                    m.displayName,
                    m.email,
                    Phones.mask(m.phone),
                    m.organisationId,
                    m.roleList(),
                    m.status,
                    m.joinedAt,
                    m.leftAt);
        }
    }

    public record ImportReport(int imported, int failed, List<RowResult> rows) {}

    /** One row of an import: its line number as in the file (header is line 1). */
    public record RowResult(int line, String memberId, String status, List<String> errors) {}
}
