package io.livelink.analytics.rollup.daily;

import io.livelink.analytics.export.ExportFormat;
import io.livelink.analytics.export.Exports;
import io.livelink.analytics.query.QuerySettings;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.rollup.Rows;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import io.livelink.events.MemberDailyRollup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ENTERPRISE reports: members' days, per tenant and per member, and generation on demand. */
@Path("/tenants/{tenantId}")
@Tag(name = "Daily rollups")
@SecurityRequirement(name = "jwt")
public class MemberDailyResource {

    private final EntityManager entityManager;
    private final DailyRollups rollups;
    private final TenantTimeZones zones;
    private final Caller caller;
    private final Clock clock;
    private final int maxDays;
    private final DailyExport export;

    public MemberDailyResource(
            EntityManager entityManager,
            DailyRollups rollups,
            TenantTimeZones zones,
            Caller caller,
            Clock clock,
            DailyExport export,
            QuerySettings limits) {
        this.export = export;
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.zones = zones;
        this.caller = caller;
        this.clock = clock;
        this.maxDays = limits.maxDays();
    }

    @GET
    @Path("/daily-rollups")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    public List<MemberDailyRollup> ofTenant(
            @PathParam("tenantId") String tenantId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        RangeQuery<LocalDate> range = RangeQuery.days(from, to, page, size, maxDays);
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        return rows(tenantId, null, range);
    }

    /** A member may read their own days; admins any member's of their tenant. */
    @GET
    @Path("/members/{memberId}/daily-rollups")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN, Roles.MEMBER})
    public List<MemberDailyRollup> ofMember(
            @PathParam("tenantId") String tenantId,
            @PathParam("memberId") String memberId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        RangeQuery<LocalDate> range = RangeQuery.days(from, to, page, size, maxDays);
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        boolean admin = caller.is(Roles.TENANT_ADMIN) || caller.isPlatformAdmin();
        if (!admin && !memberId.equals(caller.memberId())) {
            throw new NotFound("member", memberId);
        }
        return rows(tenantId, memberId, range);
    }

    /** Generates (again) a past day of the tenant now, e.g. after late views or a correction. */
    @POST
    @Path("/daily-rollups/{day}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    public List<MemberDailyRollup> generate(
            @PathParam("tenantId") String tenantId, @PathParam("day") String day) {
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("day", "must be a date (yyyy-MM-dd)");
        }
        LocalDate today = clock.instant().atZone(zones.of(tenantId)).toLocalDate();
        if (!date.isBefore(today)) {
            throw new InvalidInput("day", "must be a past day in the tenant's time zone");
        }
        return rollups.generate(tenantId, date);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<MemberDailyRollup> rows(String tenantId, String memberId, RangeQuery<LocalDate> range) {
        List<Object[]> rows =
                entityManager
                        .createNativeQuery(DAILY_SQL + " offset :offset limit :limit")
                        .setParameter("tenant", tenantId)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setParameter("member", memberId)
                        .setParameter("offset", range.offset())
                        .setParameter("limit", range.size())
                        .getResultList();
        return rows.stream().map(r -> row(tenantId, r)).toList();
    }

    /**
     * The days of :tenant in [:from, :to] (inclusive), of one :member or all (null), by day and
     * member (queries and the export).
     */
    static final String DAILY_SQL =
            "select member_id, cast(day as varchar), time_zone, live_seconds, replay_seconds, "
                    + Rows.millis("first_join_at")
                    + ", "
                    + Rows.millis("last_leave_at")
                    + ", sessions, revision, "
                    + Rows.millis("generated_at")
                    + " from member_daily where tenant_id = :tenant and day >= :from and day <="
                    + " :to and (cast(:member as varchar) is null or member_id = :member) order by"
                    + " day, member_id";

    static MemberDailyRollup row(String tenantId, Object[] r) {
        return new MemberDailyRollup(
                tenantId,
                (String) r[0],
                LocalDate.parse((String) r[1]),
                (String) r[2],
                Rows.count(r[3]),
                Rows.count(r[4]),
                Rows.instant(r[5]),
                Rows.instant(r[6]),
                (int) Rows.count(r[7]),
                (int) Rows.count(r[8]),
                Rows.instant(r[9]));
    }

    /**
     * The tenant's member days in [from, to] as a password-protected, encrypted XLSX (agile
     * encryption). The password comes in the {@code X-Export-Password} header, so that it never
     * lands in access logs; it is used for this file only, never stored or logged.
     */
    @POST
    @Path("/daily-rollups/export")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
    public Response export(
            @PathParam("tenantId") String tenantId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @HeaderParam(DailyExport.PASSWORD_HEADER) String password) {
        RangeQuery<LocalDate> range = RangeQuery.days(from, to, null, null, maxDays);
        DailyExport.requireUsable(password);
        caller.requireAccessTo(tenantId, "tenant", tenantId);
        return Exports.attachment(
                ExportFormat.ENCRYPTED_XLSX,
                "tenant-" + tenantId + "-daily-" + range.from() + "-" + range.to(),
                export.encryptedXlsx(tenantId, range, password));
    }
}
