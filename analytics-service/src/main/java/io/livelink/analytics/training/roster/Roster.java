package io.livelink.analytics.training.roster;

import io.livelink.analytics.training.PersonalData;
import io.livelink.analytics.training.TrainingAudit;
import io.livelink.analytics.training.classes.TrainingClass;
import io.livelink.analytics.training.classes.TrainingClasses;
import io.livelink.commons.imports.SpreadsheetRows;
import io.livelink.commons.personaldata.Phones;
import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A class's students (员工列表): added one by one or imported, edited and deleted until activated, then
 * fixed. Lists mask ID numbers and phones; the full values are shown only when asked for, and who
 * asked is audited.
 */
@ApplicationScoped
public class Roster {

    static final int MAX_IMPORT_ROWS = 5_000;
    private static final SpreadsheetRows.Layout IMPORT_LAYOUT =
            new SpreadsheetRows.Layout(
                    List.of("name", "gender", "idNumber", "phone", "education"),
                    Map.of(
                            "姓名", "name",
                            "性别", "gender",
                            "身份证号", "idNumber",
                            "身份证号码", "idNumber",
                            "手机号", "phone",
                            "手机号码", "phone",
                            "文化程度", "education"),
                    MAX_IMPORT_ROWS);

    private final PersonalData personalData;
    private final TrainingAudit audit;
    private final Clock clock;

    public Roster(PersonalData personalData, TrainingAudit audit, Clock clock) {
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
    }

    public record ImportRow(int line, String studentId, String status, List<FieldError> errors) {}

    public record ImportReport(int imported, int failed, List<ImportRow> rows) {}

    public record StudentPage(List<StudentView> items, int page, int size, long total) {}

    @Transactional
    public StudentView add(Caller caller, String classId, StudentInput input) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        List<FieldError> errors = input.check(today());
        if (!errors.isEmpty()) {
            throw new InvalidInput("the student is not valid", errors);
        }
        Student added = store(owner, input.valid());
        audit.record(owner.tenantId, caller.memberId(), "student.added", owner.id, added.id);
        return view(added, false);
    }

    /**
     * 批量导入: every row is checked on its own; good rows are added, bad rows are reported with their
     * reasons (line numbers as in the file, the header being line 1).
     */
    @Transactional
    public ImportReport importFile(Caller caller, String classId, InputStream file, boolean xlsx) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        List<SpreadsheetRows.Row> rows = SpreadsheetRows.read(file, xlsx, IMPORT_LAYOUT);
        Set<String> inClass = new HashSet<>(memberIds(owner.id));
        List<ImportRow> results = new ArrayList<>();
        LocalDate today = today();
        int imported = 0;
        for (int i = 0; i < rows.size(); i++) {
            SpreadsheetRows.Row row = rows.get(i);
            if (!row.usable()) {
                results.add(new ImportRow(row.line(), null, "FAILED", List.of(row.problem())));
                continue;
            }
            StudentInput input =
                    new StudentInput(
                            row.get("name"),
                            row.get("gender"),
                            row.get("idnumber"),
                            row.get("phone"),
                            row.get("education"));
            List<FieldError> errors = new ArrayList<>(input.check(today));
            if (errors.isEmpty()) {
                StudentInput.Valid valid = input.valid();
                String memberId = personalData.studentMemberId(owner.tenantId, valid.idNumber());
                if (!inClass.add(memberId)) {
                    errors.add(
                            new FieldError(
                                    "idNumber", "is already in this class (or twice in the file)"));
                } else {
                    Student added = store(owner, valid);
                    results.add(new ImportRow(row.line(), added.id, "IMPORTED", List.of()));
                    imported++;
                    continue;
                }
            }
            results.add(new ImportRow(row.line(), null, "FAILED", errors));
        }
        audit.record(
                owner.tenantId,
                caller.memberId(),
                "students.imported",
                owner.id,
                imported + " imported, " + (rows.size() - imported) + " failed");
        return new ImportReport(imported, rows.size() - imported, results);
    }

    @Transactional
    public StudentView update(Caller caller, String classId, String studentId, StudentInput input) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        Student student = notActivated(owner, studentId, "edited");
        List<FieldError> errors = input.check(today());
        if (!errors.isEmpty()) {
            throw new InvalidInput("the student is not valid", errors);
        }
        StudentInput.Valid valid = input.valid();
        String memberId = personalData.studentMemberId(owner.tenantId, valid.idNumber());
        if (!memberId.equals(student.memberId) && memberIds(owner.id).contains(memberId)) {
            throw duplicate();
        }
        fill(student, owner, valid, memberId);
        audit.record(owner.tenantId, caller.memberId(), "student.updated", owner.id, student.id);
        return view(student, false);
    }

    /** 批量删除: all or nothing; any activated student among them refuses the whole request. */
    @Transactional
    public int delete(Caller caller, String classId, List<String> studentIds) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        List<Student> students = new ArrayList<>();
        for (String id : new LinkedHashSet<>(studentIds)) {
            students.add(notActivated(owner, id, "deleted"));
        }
        students.forEach(Student::delete);
        audit.record(
                owner.tenantId,
                caller.memberId(),
                "students.deleted",
                owner.id,
                String.join(",", studentIds));
        return students.size();
    }

    /** 批量激活: activating an activated student again changes nothing. */
    @Transactional
    public List<StudentView> activate(Caller caller, String classId, List<String> studentIds) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        Instant now = clock.instant();
        List<StudentView> activated = new ArrayList<>();
        for (String id : new LinkedHashSet<>(studentIds)) {
            Student student = inClass(owner, id);
            if (!student.activated()) {
                student.status = StudentStatus.ACTIVATED;
                student.activatedAt = now;
                student.activatedBy = caller.memberId();
            }
            activated.add(view(student, false));
        }
        audit.record(
                owner.tenantId,
                caller.memberId(),
                "students.activated",
                owner.id,
                String.join(",", studentIds));
        return activated;
    }

    /** Activates every student of the class not yet activated. */
    @Transactional
    public List<StudentView> activateAll(Caller caller, String classId) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        List<String> pending =
                Student.<Student>list(
                                "classId = ?1 and status = ?2",
                                owner.id,
                                StudentStatus.NOT_ACTIVATED)
                        .stream()
                        .map(s -> s.id)
                        .toList();
        return activate(caller, classId, pending);
    }

    /**
     * The class's students by name. {@code reveal} shows ID numbers and phones in full; only a
     * tenant admin may ask, and the request is audited.
     */
    @Transactional
    public StudentPage list(Caller caller, String classId, boolean reveal, int page, int size) {
        TrainingClass owner = TrainingClasses.visible(caller, classId);
        var query = Student.<Student>find("classId", Sort.ascending("name", "id"), owner.id);
        List<StudentView> items =
                query.page(Page.of(page, size)).list().stream().map(s -> view(s, reveal)).toList();
        if (reveal) {
            audit.record(
                    owner.tenantId,
                    caller.memberId(),
                    "personal-data.revealed",
                    owner.id,
                    "students page " + page + " (" + items.size() + " students)");
        }
        return new StudentPage(items, page, size, query.count());
    }

    /** The class's activated students, by member id. */
    public static List<Student> activated(String classId) {
        return Student.list(
                "classId = ?1 and status = ?2",
                Sort.ascending("name", "memberId"),
                classId,
                StudentStatus.ACTIVATED);
    }

    /** A student's ID number in full, for reports and certificates that must carry it. */
    public String idNumber(Student student) {
        return personalData.decrypt(student.tenantId, student.idNumberCipher);
    }

    private Student store(TrainingClass owner, StudentInput.Valid valid) {
        String memberId = personalData.studentMemberId(owner.tenantId, valid.idNumber());
        if (memberIds(owner.id).contains(memberId)) {
            throw duplicate();
        }
        Student student = new Student();
        student.id = UUID.randomUUID().toString();
        student.status = StudentStatus.NOT_ACTIVATED;
        student.createdAt = clock.instant();
        fill(student, owner, valid, memberId);
        student.persist();
        return student;
    }

    private void fill(Student s, TrainingClass owner, StudentInput.Valid valid, String memberId) {
        s.classId = owner.id;
        s.tenantId = owner.tenantId;
        s.memberId = memberId;
        s.name = valid.name();
        s.gender = valid.gender();
        s.idNumberCipher = personalData.encrypt(owner.tenantId, valid.idNumber());
        s.phoneCipher = personalData.encrypt(owner.tenantId, valid.phone());
        s.education = valid.education();
    }

    private static Conflict duplicate() {
        return Conflict.onField(
                "student-exists",
                "Student already in the class",
                "idNumber",
                "belongs to a student already in this class");
    }

    private static List<String> memberIds(String classId) {
        return Student.<Student>list("classId", classId).stream().map(s -> s.memberId).toList();
    }

    private static Student inClass(TrainingClass owner, String studentId) {
        Student student = Student.findById(studentId);
        if (student == null || !student.classId.equals(owner.id)) {
            throw new NotFound("student", studentId);
        }
        return student;
    }

    private static Student notActivated(TrainingClass owner, String studentId, String verb) {
        Student student = inClass(owner, studentId);
        if (student.activated()) {
            throw new Conflict(
                    "student-activated",
                    "student "
                            + studentId
                            + " is activated; an activated student cannot be "
                            + verb);
        }
        return student;
    }

    private StudentView view(Student s, boolean reveal) {
        String idNumber = personalData.decrypt(s.tenantId, s.idNumberCipher);
        String phone = personalData.decrypt(s.tenantId, s.phoneCipher);
        return new StudentView(
                s.id,
                s.classId,
                s.memberId,
                s.name,
                s.gender,
                reveal ? idNumber : ResidentIdNumbers.mask(idNumber),
                reveal ? phone : Phones.mask(phone),
                s.education,
                s.status,
                s.createdAt,
                s.activatedAt);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(8));
    }
}
