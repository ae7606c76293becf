package io.livelink.analytics.training;

import io.livelink.analytics.rollup.daily.TenantTimeZones;
import io.livelink.analytics.training.attendance.Attendance;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseList;
import io.livelink.analytics.training.attendance.AttendanceViews.StudentList;
import io.livelink.analytics.training.classes.ClassViews.ClassPage;
import io.livelink.analytics.training.classes.ClassViews.ClassView;
import io.livelink.analytics.training.classes.ClassViews.CreateClass;
import io.livelink.analytics.training.classes.TrainingClass;
import io.livelink.analytics.training.classes.TrainingClasses;
import io.livelink.analytics.training.report.Certificate;
import io.livelink.analytics.training.report.ManagementPlatform;
import io.livelink.analytics.training.report.ManagementPlatform.PlatformSettings;
import io.livelink.analytics.training.report.ManagementPlatform.PlatformView;
import io.livelink.analytics.training.report.ReportUploads;
import io.livelink.analytics.training.report.ReportUploads.ReportStatus;
import io.livelink.analytics.training.roster.Roster;
import io.livelink.analytics.training.roster.Roster.ImportReport;
import io.livelink.analytics.training.roster.Roster.StudentPage;
import io.livelink.analytics.training.roster.StudentInput;
import io.livelink.analytics.training.roster.StudentView;
import io.livelink.commons.imports.SpreadsheetRows;
import io.livelink.commons.refusal.Refused;
import io.livelink.commons.security.Caller;
import io.livelink.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Training classes (班级管理 → 企业员工培训): classes, their students, attendance from live views, reports to
 * the management platform and the certificate. Tenant admins of the class's tenant only.
 */
@Path("/training")
@Tag(name = "Training classes")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN})
public class TrainingResource {

    private final Caller caller;
    private final TrainingClasses classes;
    private final Roster roster;
    private final Attendance attendance;
    private final ReportUploads uploads;
    private final ManagementPlatform platform;
    private final Certificate certificate;
    private final TenantTimeZones zones;

    public TrainingResource(
            Caller caller,
            TrainingClasses classes,
            Roster roster,
            Attendance attendance,
            ReportUploads uploads,
            ManagementPlatform platform,
            Certificate certificate,
            TenantTimeZones zones) {
        this.caller = caller;
        this.classes = classes;
        this.roster = roster;
        this.attendance = attendance;
        this.uploads = uploads;
        this.platform = platform;
        this.certificate = certificate;
        this.zones = zones;
    }

    public record StudentIds(
            @NotNull @Size(min = 1, max = 5000) List<@NotNull String> studentIds) {}

    @POST
    @Path("/classes")
    @Operation(summary = "Create a class", description = "Gets a code such as BJ-2026-000021.")
    public Response create(@Valid @NotNull CreateClass body) {
        return Response.status(Response.Status.CREATED)
                .entity(classes.create(caller, body))
                .build();
    }

    @GET
    @Path("/classes")
    public ClassPage list(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return classes.list(caller, tenantId, page, size);
    }

    @GET
    @Path("/classes/{classId}")
    public ClassView get(@PathParam("classId") String classId) {
        return classes.get(caller, classId);
    }

    @DELETE
    @Path("/classes/{classId}")
    @Operation(summary = "Delete a class", description = "A synced class's group is dissolved.")
    public Response delete(@PathParam("classId") String classId) {
        classes.delete(caller, classId);
        return Response.noContent().build();
    }

    @POST
    @Path("/classes/{classId}/sync")
    @Operation(
            summary = "Sync the class to the live platform",
            description =
                    "Emits TrainingClassSynced: the class's directory group is to hold exactly its"
                            + " activated students; ENTERPRISE streams bound to the group issue"
                            + " member links to them only.")
    public ClassView sync(@PathParam("classId") String classId) {
        return classes.sync(caller, classId);
    }

    @POST
    @Path("/classes/{classId}/students")
    public Response addStudent(@PathParam("classId") String classId, @NotNull StudentInput body) {
        return Response.status(Response.Status.CREATED)
                .entity(roster.add(caller, classId, body))
                .build();
    }

    @POST
    @Path("/classes/{classId}/students/import")
    @Consumes({"text/csv", SpreadsheetRows.XLSX_MEDIA_TYPE})
    @Operation(
            summary = "Import students from CSV or XLSX",
            description =
                    "Columns name, gender, idNumber, phone, education (or 姓名, 性别, 身份证号, 手机号,"
                            + " 文化程度). Good rows are kept; the report names each bad row and"
                            + " why.")
    public ImportReport importStudents(
            @PathParam("classId") String classId,
            @HeaderParam("Content-Type") String contentType,
            InputStream file) {
        return roster.importFile(
                caller,
                classId,
                file,
                contentType != null && contentType.startsWith(SpreadsheetRows.XLSX_MEDIA_TYPE));
    }

    @GET
    @Path("/classes/{classId}/students")
    @Operation(
            summary = "The class's students",
            description =
                    "ID numbers and phones masked; reveal=true shows them in full and is audited.")
    public StudentPage students(
            @PathParam("classId") String classId,
            @QueryParam("reveal") @DefaultValue("false") boolean reveal,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        if (reveal && !caller.is(Roles.TENANT_ADMIN)) {
            throw Refused.notAllowed(
                    "reveal-not-allowed", "only a tenant admin may see personal data in full");
        }
        return roster.list(caller, classId, reveal, page, size);
    }

    @PUT
    @Path("/classes/{classId}/students/{studentId}")
    @Operation(summary = "Edit a student", description = "409 once the student is activated.")
    public StudentView updateStudent(
            @PathParam("classId") String classId,
            @PathParam("studentId") String studentId,
            @NotNull StudentInput body) {
        return roster.update(caller, classId, studentId, body);
    }

    @DELETE
    @Path("/classes/{classId}/students/{studentId}")
    @Operation(summary = "Delete a student", description = "409 once the student is activated.")
    public Response deleteStudent(
            @PathParam("classId") String classId, @PathParam("studentId") String studentId) {
        roster.delete(caller, classId, List.of(studentId));
        return Response.noContent().build();
    }

    @POST
    @Path("/classes/{classId}/students/delete")
    @Operation(
            summary = "Delete students in bulk",
            description = "All or nothing: one activated student refuses the request (409).")
    public Response deleteStudents(
            @PathParam("classId") String classId, @Valid @NotNull StudentIds body) {
        roster.delete(caller, classId, body.studentIds());
        return Response.noContent().build();
    }

    @POST
    @Path("/classes/{classId}/students/activate")
    @Operation(summary = "Activate students; activated students can no longer change")
    public List<StudentView> activate(
            @PathParam("classId") String classId, @Valid @NotNull StudentIds body) {
        return roster.activate(caller, classId, body.studentIds());
    }

    @POST
    @Path("/classes/{classId}/students/activate-all")
    public List<StudentView> activateAll(@PathParam("classId") String classId) {
        return roster.activateAll(caller, classId);
    }

    @POST
    @Path("/classes/{classId}/attendance/update")
    @Operation(
            summary = "Recompute attendance from the view events",
            description = "Courses ended longer ago than the grace period are final and kept.")
    @Transactional
    public CourseList updateAttendance(@PathParam("classId") String classId) {
        TrainingClass trainingClass = TrainingClasses.visible(caller, classId);
        attendance.update(trainingClass);
        return attendance.courses(trainingClass);
    }

    @GET
    @Path("/classes/{classId}/courses")
    @Operation(summary = "Course list: each course's duration, attendees and learning time")
    @Transactional
    public CourseList courses(@PathParam("classId") String classId) {
        return attendance.courses(TrainingClasses.visible(caller, classId));
    }

    @GET
    @Path("/classes/{classId}/attendance")
    @Operation(summary = "Student list: each student's live learning time per course and in total")
    @Transactional
    public StudentList studentAttendance(@PathParam("classId") String classId) {
        return attendance.students(TrainingClasses.visible(caller, classId));
    }

    @POST
    @Path("/classes/{classId}/report")
    @Operation(
            summary = "Update and upload to the management platform",
            description =
                    "Recomputes attendance and queues the class report; it is POSTed signed, with"
                            + " an Idempotency-Key, and retried until acknowledged.")
    public Response report(@PathParam("classId") String classId) {
        return Response.accepted(uploads.updateAndUpload(caller, classId)).build();
    }

    @GET
    @Path("/classes/{classId}/report")
    @Operation(summary = "Last updated, last reported, last error, the upload waiting if any")
    public ReportStatus reportStatus(@PathParam("classId") String classId) {
        return uploads.status(caller, classId);
    }

    @GET
    @Path("/classes/{classId}/certificate.pdf")
    @Produces("application/pdf")
    @Operation(summary = "The electronic certificate of the class's training record (PDF)")
    @Transactional
    public Response certificate(@PathParam("classId") String classId) {
        TrainingClass trainingClass = TrainingClasses.visible(caller, classId);
        byte[] pdf = certificate.render(trainingClass, zones.of(trainingClass.tenantId), roster);
        return Response.ok(pdf, "application/pdf")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + trainingClass.code + "-certificate.pdf\"")
                .build();
    }

    @PUT
    @Path("/platform")
    @Operation(summary = "Configure the tenant's management platform endpoint and credentials")
    public PlatformView configurePlatform(@NotNull PlatformSettings body) {
        return platform.configure(caller, body);
    }

    @GET
    @Path("/platform")
    public PlatformView platform() {
        return platform.view(caller);
    }
}
