package io.livelink.analytics.training.report;

import io.livelink.analytics.export.CjkFont;
import io.livelink.analytics.training.attendance.Attendance;
import io.livelink.analytics.training.attendance.AttendanceViews.Course;
import io.livelink.analytics.training.attendance.AttendanceViews.CourseList;
import io.livelink.analytics.training.attendance.AttendanceViews.StudentAttendance;
import io.livelink.analytics.training.classes.TrainingClass;
import io.livelink.analytics.training.roster.ResidentIdNumbers;
import io.livelink.analytics.training.roster.Roster;
import io.livelink.analytics.training.roster.Student;
import io.livelink.commons.refusal.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * 电子凭证: the class's training record as a PDF — the class, its courses with their duration, and each
 * activated student's live learning time, ID numbers masked. Names are Chinese, so the PDF embeds a
 * CJK TrueType font: the configured one, or a system one (Debian's fonts-wqy-microhei).
 */
@ApplicationScoped
public class Certificate {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final float MARGIN = 50;

    private final Attendance attendance;
    private final CjkFont fonts;
    private final Clock clock;

    public Certificate(Attendance attendance, CjkFont fonts, Clock clock) {
        this.attendance = attendance;
        this.fonts = fonts;
        this.clock = clock;
    }

    @Transactional
    public byte[] render(TrainingClass trainingClass, ZoneId zone, Roster roster) {
        Path fontFile = fontFile();
        CourseList courses = attendance.courses(trainingClass);
        Map<String, StudentAttendance> times =
                attendance.students(trainingClass).students().stream()
                        .collect(
                                Collectors.toMap(
                                        StudentAttendance::studentId, Function.identity()));
        List<Student> students = Roster.activated(trainingClass.id);
        try (PDDocument document = new PDDocument();
                CjkFont.Embedded font = fonts.embed(document, fontFile)) {
            Writer out = new Writer(document, font.font());
            out.line(18, "培训记录电子凭证  Training record certificate");
            out.gap();
            out.line(11, "班级名称 Class: " + trainingClass.name);
            out.line(11, "班级编码 Code: " + trainingClass.code);
            out.line(11, "班级类型 Type: " + trainingClass.classType + "    培训方式 Mode: 线上直播 LIVE");
            out.line(11, "直播总时长 Total live duration: " + hms(courses.totalLiveSeconds()));
            out.line(11, "已激活学员 Activated students: " + students.size());
            out.line(
                    11,
                    "数据更新时间 Attendance updated: "
                            + (courses.updatedAt() == null
                                    ? "never"
                                    : WHEN.format(courses.updatedAt().atZone(zone))));
            out.gap();
            out.line(13, "课程列表 Courses");
            for (Course c : courses.courses()) {
                out.line(
                        10,
                        WHEN.format(c.startedAt().atZone(zone))
                                + "  "
                                + hms(c.durationSeconds())
                                + "  "
                                + c.attendees()
                                + " 人  "
                                + c.title());
            }
            out.gap();
            out.line(13, "学员列表 Students (直播学习时长 live learning time)");
            for (Student s : students) {
                StudentAttendance t = times.get(s.id);
                out.line(
                        10,
                        s.name
                                + "  "
                                + ResidentIdNumbers.mask(roster.idNumber(s))
                                + "  "
                                + hms(t == null ? 0 : t.liveLearningSeconds()));
            }
            out.gap();
            out.line(
                    9,
                    "生成时间 Issued: "
                            + WHEN.format(clock.instant().atZone(zone))
                            + " ("
                            + zone
                            + ")");
            out.close();
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private Path fontFile() {
        return fonts.file()
                .orElseThrow(
                        () ->
                                Refused.unavailable(
                                        "certificate-font-missing",
                                        "No CJK font for certificates",
                                        "install a CJK TrueType font (Debian:"
                                                + " fonts-wqy-microhei) or set"
                                                + " LIVELINK_TRAINING_CERTIFICATE_FONT"));
    }

    /** Lines top to bottom, a new A4 page when one is full. */
    private static final class Writer {
        private final PDDocument document;
        private final PDFont font;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument document, PDFont font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        void line(float size, String text) throws IOException {
            if (y - size * 1.6f < MARGIN) {
                content.close();
                newPage();
            }
            y -= size * 1.6f;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(text);
            content.endText();
        }

        void gap() {
            y -= 8;
        }

        void close() throws IOException {
            content.close();
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }
    }
}
