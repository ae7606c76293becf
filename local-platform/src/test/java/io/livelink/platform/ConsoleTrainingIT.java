package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamStateChanged;
import io.livelink.events.StreamType;
import io.livelink.testsupport.EventsOnKafka;
import io.livelink.testsupport.MemberViews;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.browser.HeadlessChromium;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's training classes, ENTERPRISE daily statistics and platform-admin screens against
 * the real services, in Debian's headless chromium (one platform for the three workflows). What
 * each page shows is checked against the API it came from; downloads are read back from the page (a
 * PDF starts with %PDF, the encrypted XLSX is an OLE2 compound file); each refusal the test
 * provokes is shown in the user's language beside its field, and the page may log no other error or
 * failed request. Screens: target/console-screenshots/training-*, daily-*, platform-*.
 */
class ConsoleTrainingIT {

    private static final ZoneId TENANT_ZONE = ZoneId.of("Asia/Shanghai"); // the tenant default
    private static final String OLE2_COMPOUND_FILE = "d0cf11e0a1b11ae1";

    private static RunningServices services;
    private static String permission;
    private static String analytics;
    private static String tenant;
    private static HttpServer managementPlatform;
    private static final List<String> reportsReceived = new CopyOnWriteArrayList<>();

    private HeadlessChromium browser;

    @BeforeAll
    static void startThePlatformAndATenant() throws IOException {
        services = ConsoleFixture.startThePlatformWithTheDemoTenant();
        permission = services.baseUrl(LiveLinkService.PERMISSION);
        analytics = services.baseUrl(LiveLinkService.ANALYTICS);
        // A tenant of its own: the database is shared with the whole suite, and the figures
        // checked here must be this test's alone.
        tenant = "train-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "培训示范企业"))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);
        // The management platform the class reports go to (plain HTTP is allowed to loopback).
        managementPlatform =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        managementPlatform.createContext(
                "/reports",
                exchange -> {
                    reportsReceived.add(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    byte[] ok = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                    exchange.close();
                });
        managementPlatform.start();
    }

    @AfterAll
    static void stopEverything() {
        if (managementPlatform != null) {
            managementPlatform.stop(0);
        }
        if (services != null) {
            services.close();
        }
    }

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.screenshot("training-last-screen");
            browser.close();
        }
    }

    @Test
    void aTenantAdminRunsATrainingClassFromRosterToCertificate() throws Exception {
        browser = HeadlessChromium.open("zh-CN,zh", null, HeadlessChromium.LAPTOP, screenshots());
        ConsoleFixture.signIn(browser, services, "tenant-admin", tenant, null);
        assertThat(browser.shows("#nav-training")).isTrue();
        assertThat(browser.shows("#nav-daily")).isTrue();
        assertThat(browser.shows("#nav-platform")).as("platform admins only").isFalse();
        browser.click("#nav-training");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#no-training-classes"));

        // 1. On-demand classes are not open (待开放): said beside the field, in Chinese.
        browser.fill("input[name=className]", "焊工技能提升班");
        browser.fill("input[name=classType]", "职业技能提升");
        browser.fill("select[name=trainingMode]", "ON_DEMAND");
        browser.click("#create-training-class-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=trainingMode]"));
        assertThat(browser.textOf(".field-error[data-field=trainingMode]"))
                .isEqualTo("线上点播待开放，请选择线上直播");
        assertThat(browser.text("create-training-class-problem"))
                .isEqualTo("线上点播尚未开放（待开放），请选择线上直播。");
        assertOnlyFailed(r -> r.contains("/api/analytics/training/classes") && r.contains("422"));
        browser.screenshot("training-1-on-demand-refused-zh-CN");

        // 2. A live class gets its code and opens.
        browser.fill("select[name=trainingMode]", "LIVE");
        browser.click("#create-training-class-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#training-class-code"));
        String classId =
                (String)
                        browser.evaluate(
                                "return document.querySelector('.training-page').dataset.classId;");
        JsonPath trainingClass = training("/classes/" + classId);
        String code = trainingClass.getString("code");
        assertThat(browser.text("training-class-code")).isEqualTo(code).matches("BJ-\\d{4}-\\d{6}");

        // 3. A student with a mistyped ID number is refused beside the field; then added.
        String zhang = idNumber(1, true);
        addStudent("张三", "MALE", zhang.substring(0, 17) + wrongCheck(zhang), "13812345678");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=idNumber]"));
        assertThat(browser.textOf(".field-error[data-field=idNumber]")).isEqualTo("校验码不正确");
        assertThat(browser.text("add-student-problem")).isEqualTo("有些字段需要修改。");
        assertOnlyFailed(r -> r.contains("/students") && r.contains("400"));
        addStudent("张三", "MALE", zhang, "13812345678");
        await().atMost(Duration.ofSeconds(10)).until(() -> studentRows() == 1);

        // 4. Importing a CSV: good rows kept, the bad row listed with each field's reason.
        String li = idNumber(2, false);
        String wang = idNumber(3, true);
        String csv =
                "姓名,性别,身份证号,手机号,文化程度\n"
                        + "李四,女,"
                        + li
                        + ",13912345678,大专\n"
                        + "王五,男,"
                        + wang
                        + ",+86 137 1234 5678,高中\n"
                        + "赵六,女,"
                        + idNumber(4, true)
                        + ",12345,本科\n";
        attachToImport(csv, "学员名单.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#import-report"));
        assertThat(browser.text("import-summary")).isEqualTo("导入 2 行，失败 1 行。");
        assertThat(importFailure(4, "gender")).isEqualTo("填写为女，但身份证号是男性");
        assertThat(importFailure(4, "phone")).isEqualTo("须为 11 位大陆手机号（13–19 开头）");
        await().atMost(Duration.ofSeconds(10)).until(() -> studentRows() == 3);
        browser.evaluate("document.getElementById('import-report').scrollIntoView();");
        browser.screenshot("training-2-import-report-zh-CN");

        // The roster as the API gives it: masked, never the full number.
        List<Map<String, Object>> students = students(classId);
        assertThat(students).hasSize(3);
        for (Map<String, Object> student : students) {
            String row = "tr[data-student-id='" + student.get("id") + "']";
            assertThat(browser.textOf(row + " .student-id-number"))
                    .isEqualTo(student.get("idNumber"))
                    .contains("**********");
            assertThat(browser.textOf(row + " .student-phone")).isEqualTo(student.get("phone"));
        }
        assertThat(browser.textOf("#student-table")).doesNotContain(zhang, li, wang);

        // 5. Activate one, delete another in bulk, activate the rest.
        String zhangId = studentId(students, "张三");
        String wangId = studentId(students, "王五");
        String liId = studentId(students, "李四");
        browser.click("tr[data-student-id='" + zhangId + "'] .select-student");
        browser.click("#activate-selected");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "ACTIVATED".equals(studentStatus(zhangId)));
        assertThat(browser.shows("tr[data-student-id='" + zhangId + "'] .select-student:disabled"))
                .as("an activated student can no longer be selected for deletion")
                .isTrue();
        browser.evaluate("window.confirm = () => true;");
        browser.click("tr[data-student-id='" + wangId + "'] .select-student");
        browser.click("#delete-selected");
        await().atMost(Duration.ofSeconds(10)).until(() -> studentRows() == 2);
        browser.click("#activate-all");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVATED".equals(studentStatus(liId)));
        trainingClass = training("/classes/" + classId);
        assertThat(trainingClass.getLong("students")).isEqualTo(2);
        assertThat(trainingClass.getLong("activatedStudents")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "2".equals(browser.text("training-class-activated")));
        assertThat(browser.text("training-class-students")).isEqualTo("2");

        // 6. Sync: the live platform's class group holds exactly the activated students.
        browser.click("#sync-class");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !"尚未同步".equals(browser.text("training-class-synced")));
        assertThat(training("/classes/" + classId).getString("syncedAt")).isNotNull();
        String groupId = trainingClass.getString("groupId");
        List<String> activatedMembers =
                students(classId).stream().map(s -> (String) s.get("memberId")).toList();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(groupMembers(groupId))
                                        .containsExactlyInAnyOrderElementsOf(activatedMembers));
        browser.evaluate("window.scrollTo(0, 0);");
        browser.screenshot("training-3-class-synced-zh-CN");

        // 7. A course of the class (an ENTERPRISE stream bound to its group) watched live by both
        // students, one of them on two devices at once, plus a replay that does not count.
        String zhangMember = memberOf(classId, zhangId);
        String liMember = memberOf(classId, liId);
        String course = UUID.randomUUID().toString(); // stream ids have at most 40 characters
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50));
        EventsOnKafka kafka = EventsOnKafka.shared();
        courseState(kafka, course, groupId, null, StreamState.SCHEDULED, start.minusSeconds(60));
        courseState(kafka, course, groupId, StreamState.SCHEDULED, StreamState.LIVE, start);
        courseState(
                kafka,
                course,
                groupId,
                StreamState.LIVE,
                StreamState.ENDED,
                start.plus(Duration.ofMinutes(40)));
        watch(kafka, course, zhangMember, Playback.LIVE, start, 0, 30);
        watch(kafka, course, liMember, Playback.LIVE, start, 5, 15);
        watch(kafka, course, liMember, Playback.LIVE, start, 10, 20);
        watch(kafka, course, liMember, Playback.REPLAY, start, 41, 45);
        // analytics has the views once its recomputation finds both students' 45 minutes.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            JsonPath updated =
                                    given().auth()
                                            .oauth2(TestTokens.tenantAdmin(tenant))
                                            .post(
                                                    analytics
                                                            + "/training/classes/"
                                                            + classId
                                                            + "/attendance/update")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath();
                            return updated.getList("courses").size() == 1
                                    && updated.getLong("courses[0].totalLearningSeconds")
                                            == 45 * 60;
                        });
        browser.click("#update-attendance");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#course-table"));
        JsonPath courses = training("/classes/" + classId + "/courses");
        String courseRow = "#course-table tr[data-stream-id='" + course + "']";
        assertThat(browser.textOf(courseRow + " .course-duration"))
                .isEqualTo(hms(courses.getLong("courses[0].durationSeconds")))
                .isEqualTo("00:40:00");
        assertThat(browser.textOf(courseRow + " .course-attendees"))
                .isEqualTo(courses.getString("courses[0].attendees"))
                .isEqualTo("2");
        assertThat(browser.textOf(courseRow + " .course-learning"))
                .isEqualTo(hms(courses.getLong("courses[0].totalLearningSeconds")))
                .isEqualTo("00:45:00");
        JsonPath attendance = training("/classes/" + classId + "/attendance");
        for (Map<String, Object> student : attendance.<Map<String, Object>>getList("students")) {
            String row = "#attendance-table tr[data-student-id='" + student.get("studentId") + "']";
            assertThat(browser.textOf(row + " .attendance-total"))
                    .isEqualTo(hms(((Number) student.get("liveLearningSeconds")).longValue()));
            assertThat(
                            browser.textOf(
                                    "tr[data-student-id='"
                                            + student.get("studentId")
                                            + "'] .student-live-learning"))
                    .isEqualTo(hms(((Number) student.get("liveLearningSeconds")).longValue()));
        }
        assertThat(browser.textOf("#attendance-table tr[data-student-id='" + liId + "']"))
                .contains("00:15:00");
        // The class's total live duration is its courses' (直播总时长), not the students' time.
        assertThat(browser.text("training-class-total-live")).isEqualTo("00:40:00");
        browser.evaluate("document.getElementById('training-courses').scrollIntoView();");
        browser.screenshot("training-4-courses-and-attendance-zh-CN");

        // 8. 更新并上传 before a management platform is set: the tenant is told what to do first.
        browser.click("#update-and-upload");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#training-class-problem"));
        assertThat(browser.text("training-class-problem")).isEqualTo("还没有设置管理平台：先在班级列表页设置上报地址和密钥。");
        assertOnlyFailed(r -> r.contains("/classes/" + classId + "/report") && r.contains("409"));

        // ... set on the class list (where no platform yet is the 404 the panel explains) ...
        browser.click("#nav-training");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#training-class-table tr[data-class-id]"));
        browser.click("#training-platform-toggle");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#training-platform-state"));
        assertThat(browser.text("training-platform-state")).startsWith("尚未设置管理平台");
        assertOnlyFailed(r -> r.contains("/api/analytics/training/platform") && r.contains("404"));
        String endpoint =
                "http://127.0.0.1:" + managementPlatform.getAddress().getPort() + "/reports";
        browser.fill("input[name=platformEndpoint]", endpoint);
        browser.fill("input[name=platformClientId]", "client-" + tenant);
        browser.fill("input[name=platformSecret]", "short");
        browser.click("#training-platform-save");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=secret]"));
        assertThat(browser.textOf(".field-error[data-field=secret]")).isEqualTo("至少 16 个字符");
        assertOnlyFailed(r -> r.contains("/api/analytics/training/platform") && r.contains("400"));
        browser.fill("input[name=platformSecret]", "a-secret-of-the-platform");
        browser.click("#training-platform-save");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#training-platform-saved"));
        browser.evaluate("document.getElementById('training-platform').scrollIntoView();");
        browser.screenshot("training-5-management-platform-zh-CN");

        // The class list shows each class as the API has it.
        JsonPath list = training("/classes");
        assertThat(list.getList("items")).hasSize(1);
        String listRow = "#training-class-table tr[data-class-id='" + classId + "']";
        assertThat(browser.textOf(listRow + " .class-code"))
                .isEqualTo(list.getString("items[0].code"));
        assertThat(browser.textOf(listRow + " .class-total-live"))
                .isEqualTo(hms(list.getLong("items[0].totalLiveSeconds")))
                .isEqualTo("00:40:00");
        assertThat(browser.textOf(listRow + " .class-students")).isEqualTo("2");
        browser.evaluate("window.scrollTo(0, 0);");
        browser.screenshot("training-6-class-list-zh-CN");

        // ... and 更新并上传 reaches it: last reported, no error, as the API says.
        browser.click(listRow + " .class-name");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#update-and-upload"));
        browser.click("#update-and-upload");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            browser.click("#refresh-report");
                            return !"从未".equals(browser.text("report-last-reported"));
                        });
        JsonPath report = training("/classes/" + classId + "/report");
        assertThat(report.getString("reportedAt")).isNotNull();
        assertThat(report.getString("lastError")).isNull();
        assertThat(browser.text("report-last-error")).isEqualTo("无");
        assertThat(reportsReceived).anySatisfy(body -> assertThat(body).contains(code));
        browser.screenshot("training-7-reported-zh-CN");

        // 9. The certificate, downloaded with the token: a PDF.
        browser.evaluate("window.livelinkLastDownload = null;");
        browser.click("#download-certificate");
        Map<String, Object> pdf = awaitDownload();
        assertThat(pdf.get("name")).isEqualTo(code + "-certificate.pdf");
        assertThat(pdf.get("type")).isEqualTo("application/pdf");
        assertThat((String) pdf.get("head")).startsWith(hex("%PDF"));
        assertThat(((Number) pdf.get("size")).longValue()).isGreaterThan(1000);

        // 10. In English, at a phone's width, without sideways scrolling.
        browser.fill("#language", "en");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "Update and upload".equals(browser.text("update-and-upload")));
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertNoSidewaysScrolling();
        browser.screenshot("training-8-class-phone-en");
        browser.resize(HeadlessChromium.LAPTOP);
        browser.evaluate("window.scrollTo(0, 0);");
        browser.screenshot("training-9-class-en");

        assertThat(browser.browserErrors()).as("errors the test did not provoke").isEmpty();
    }

    @Test
    void aTenantAdminReadsEmployeesDaysGeneratesAPastDayAndExportsItEncrypted() throws Exception {
        // Yesterday in the tenant's zone: Alice watched 30 minutes live and 10 of a replay; Bob 20
        // minutes live on two devices whose sessions overlap (counted once).
        LocalDate yesterday = LocalDate.now(TENANT_ZONE).minusDays(1);
        Instant nine = yesterday.atTime(9, 0).atZone(TENANT_ZONE).toInstant();
        EventsOnKafka kafka = EventsOnKafka.shared();
        String stream = UUID.randomUUID().toString();
        String alice = "alice-" + tenant;
        String bob = "bob-" + tenant;
        watch(kafka, stream, alice, Playback.LIVE, nine, 0, 30);
        watch(kafka, stream, alice, Playback.REPLAY, nine, 60, 70);
        watch(kafka, stream, bob, Playback.LIVE, nine, 5, 20);
        watch(kafka, stream, bob, Playback.LIVE, nine, 10, 25);
        // Once analytics has read them, generating the day finds both.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> liveSecondsOf(generateDay(yesterday), bob) == 20 * 60);

        browser = HeadlessChromium.open("en-US,en", null, HeadlessChromium.LAPTOP, screenshots());
        ConsoleFixture.signIn(browser, services, "tenant-admin", tenant, null);
        browser.click("#nav-daily");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#daily-generate-submit"));

        // Today is not a past day: said beside the day.
        setDate("input[name=generateDay]", LocalDate.now(TENANT_ZONE).toString());
        browser.click("#daily-generate-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=day]"));
        assertThat(browser.textOf(".field-error[data-field=day]"))
                .isEqualTo("Must be a past day in the tenant's time zone");
        assertOnlyFailed(r -> r.contains("/daily-rollups/") && r.contains("400"));

        // Yesterday, generated from the page, shows what the API has.
        setDate("input[name=generateDay]", yesterday.toString());
        browser.click("#daily-generate-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#daily-generated"));
        assertThat(browser.text("daily-generated"))
                .isEqualTo("Generated " + yesterday + ": 2 employees.");
        setDate("input[name=dailyFrom]", yesterday.toString());
        setDate("input[name=dailyTo]", yesterday.toString());
        browser.click("#daily-show");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#daily-rows tr[data-member-id='" + bob + "']"));
        List<Map<String, Object>> days =
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(tenant))
                        .queryParam("from", yesterday.toString())
                        .queryParam("to", yesterday.toString())
                        .get(analytics + "/tenants/" + tenant + "/daily-rollups")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
        assertThat(days).hasSize(2);
        assertThat(
                        ((Number)
                                        browser.evaluate(
                                                "return document.querySelectorAll('#daily-rows tbody tr').length;"))
                                .intValue())
                .isEqualTo(days.size());
        for (Map<String, Object> day : days) {
            String row = "#daily-rows tr[data-member-id='" + day.get("memberId") + "']";
            assertThat(browser.textOf(row + " .day-live"))
                    .isEqualTo(hms(((Number) day.get("liveSeconds")).longValue()));
            assertThat(browser.textOf(row + " .day-replay"))
                    .isEqualTo(hms(((Number) day.get("replaySeconds")).longValue()));
            assertThat(browser.textOf(row + " .day-sessions"))
                    .isEqualTo(String.valueOf(day.get("sessions")));
        }
        assertThat(browser.textOf("#daily-rows tr[data-member-id='" + alice + "'] .day-live"))
                .isEqualTo("00:30:00");
        assertThat(browser.textOf("#daily-rows tr[data-member-id='" + alice + "'] .day-replay"))
                .isEqualTo("00:10:00");
        assertThat(browser.textOf("#daily-rows tr[data-member-id='" + bob + "'] .day-live"))
                .isEqualTo("00:20:00");
        assertThat(
                        browser.textOf(
                                "#daily-employees tr[data-member-id='" + bob + "'] .employee-days"))
                .isEqualTo("1");
        browser.screenshot("daily-1-employees-days-en");

        // The encrypted export asks for a password of 8 characters or more ...
        browser.fill("input[name=exportPassword]", "short");
        browser.click("#daily-export-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field='X-Export-Password']"));
        assertThat(browser.textOf(".field-error[data-field='X-Export-Password']"))
                .isEqualTo("Must be 8 to 255 characters");
        assertOnlyFailed(r -> r.contains("/daily-rollups/export") && r.contains("400"));

        // ... and downloads an XLSX encrypted with it (an OLE2 compound file, as Excel writes).
        browser.evaluate("window.livelinkLastDownload = null;");
        browser.fill("input[name=exportPassword]", "export-password-1");
        browser.click("#daily-export-submit");
        Map<String, Object> xlsx = awaitDownload();
        assertThat(xlsx.get("name"))
                .isEqualTo("tenant-" + tenant + "-daily-" + yesterday + "-" + yesterday + ".xlsx");
        assertThat(xlsx.get("head")).isEqualTo(OLE2_COMPOUND_FILE);
        assertThat(((Number) xlsx.get("size")).longValue()).isGreaterThan(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.shows("#daily-exported"));
        browser.evaluate("document.getElementById('daily-export').scrollIntoView();");
        browser.screenshot("daily-2-export-en");

        // In Chinese, at a phone's width.
        browser.fill("#language", "zh-CN");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "企业直播每日统计".equals(browser.textOf("#daily-statistics h1")));
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertNoSidewaysScrolling();
        browser.evaluate("window.scrollTo(0, 0);");
        browser.screenshot("daily-3-phone-zh-CN");

        assertThat(browser.browserErrors()).as("errors the test did not provoke").isEmpty();
    }

    @Test
    void aPlatformAdminVerifiesOneQualificationAndRejectsAnotherWithAReason() throws Exception {
        String applicant = "review-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", applicant, "name", "待审核企业"))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);
        for (String type : List.of("MINI_PROGRAM", "H5")) {
            given().auth()
                    .oauth2(TestTokens.tenantAdmin(applicant))
                    .contentType(ContentType.JSON)
                    .body(Map.of("evidence", "公众号认证 gh_" + type.toLowerCase()))
                    .post(permission + "/tenants/" + applicant + "/qualifications/" + type)
                    .then()
                    .statusCode(200);
        }

        browser = HeadlessChromium.open("zh-CN,zh", null, HeadlessChromium.LAPTOP, screenshots());
        ConsoleFixture.signIn(browser, services, "platform-admin", null, null);
        // A platform admin starts on the review queue: no streams of their own.
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#platform-tenants"));
        assertThat(browser.shows("#nav-platform")).isTrue();
        assertThat(browser.shows("#nav-streams")).isFalse();
        assertThat(browser.shows("#nav-training")).isFalse();
        String card = "li[data-tenant-id='" + applicant + "']";
        await().atMost(Duration.ofSeconds(10)).until(() -> tenantListLoads() > 0);
        turnPagesUntilShown(card);
        assertThat(qualificationStatus(card, "MINI_PROGRAM")).isEqualTo("PENDING");
        assertThat(qualificationStatus(card, "H5")).isEqualTo("PENDING");
        browser.evaluate("document.querySelector(arguments[0]).scrollIntoView();", card);
        browser.screenshot("platform-1-review-queue-zh-CN");

        // Rejecting needs a reason, asked for beside it.
        String h5 = card + " tr[data-stream-type='H5']";
        browser.click(h5 + " .reject-qualification");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(h5 + " .field-error[data-field=reason]"));
        assertThat(browser.textOf(h5 + " .field-error[data-field=reason]")).isEqualTo("必填");
        assertOnlyFailed(r -> r.contains("/qualifications/H5/reject") && r.contains("400"));
        browser.fill(h5 + " .reject-reason", "营业执照已过期");
        browser.click(h5 + " .reject-qualification");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "REJECTED".equals(qualificationStatus(card, "H5")));
        assertThat(browser.textOf(h5 + " .qualification-reason")).isEqualTo("驳回原因：营业执照已过期");
        String miniProgram = card + " tr[data-stream-type='MINI_PROGRAM']";
        browser.click(miniProgram + " .verify-qualification");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "VERIFIED".equals(qualificationStatus(card, "MINI_PROGRAM")));
        browser.screenshot("platform-2-decided-zh-CN");

        JsonPath decided =
                given().auth()
                        .oauth2(TestTokens.platformAdmin())
                        .get(permission + "/tenants/" + applicant)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(decided.getString("qualifications.find { it.streamType == 'H5' }.status"))
                .isEqualTo("REJECTED");
        assertThat(decided.getString("qualifications.find { it.streamType == 'H5' }.reason"))
                .isEqualTo("营业执照已过期");
        assertThat(
                        decided.getString(
                                "qualifications.find { it.streamType == 'MINI_PROGRAM' }.status"))
                .isEqualTo("VERIFIED");
        assertThat(browser.textOf(miniProgram + " .qualification-status")).isEqualTo("已认证");

        // The queue no longer holds the tenant; the rejected list does.
        showTenants("#tenant-filter-PENDING");
        assertThat(pagesShowing(card)).as("the review queue").isFalse();
        showTenants("#tenant-filter-REJECTED");
        turnPagesUntilShown(card);

        // Onboarding a tenant: a bad id is refused beside the field, a good one created.
        browser.fill("input[name=tenantId]", "Bad Id!");
        browser.fill("input[name=tenantName]", "新企业");
        browser.click("#create-tenant-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#create-tenant .field-error[data-field=id]"));
        assertThat(browser.textOf("#create-tenant .field-error[data-field=id]"))
                .isEqualTo("只能用小写字母、数字和“-”");
        assertOnlyFailed(r -> r.contains("/api/permission/tenants") && r.contains("400"));
        String onboarded = "new-" + UUID.randomUUID().toString().substring(0, 8);
        browser.fill("input[name=tenantId]", onboarded);
        browser.click("#create-tenant-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#tenant-created"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get(permission + "/tenants/" + onboarded)
                .then()
                .statusCode(200);
        browser.screenshot("platform-3-onboarded-zh-CN");

        browser.fill("#language", "en");
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                "Tenants and qualification review"
                                        .equals(browser.textOf("#platform-tenants h1")));
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertNoSidewaysScrolling();
        browser.evaluate("window.scrollTo(0, 0);");
        browser.screenshot("platform-4-rejected-phone-en");

        assertThat(browser.browserErrors()).as("errors the test did not provoke").isEmpty();
    }

    // --- the page ------------------------------------------------------------------------------

    private static java.nio.file.Path screenshots() {
        return ConsoleFixture.SCREENSHOTS;
    }

    /** The failed requests since the last look are those the test provoked, and there are some. */
    private void assertOnlyFailed(Predicate<String> provoked) {
        List<String> errors = browser.browserErrors();
        assertThat(errors).as("the provoked refusal").isNotEmpty().allMatch(provoked);
    }

    private void assertNoSidewaysScrolling() {
        assertThat(
                        (Boolean)
                                browser.evaluate(
                                        "return document.documentElement.scrollWidth"
                                                + " <= window.innerWidth + 1;"))
                .as("no sideways scrolling on a phone")
                .isTrue();
    }

    private void addStudent(String name, String gender, String idNumber, String phone) {
        browser.fill("input[name=studentName]", name);
        browser.fill("select[name=studentGender]", gender);
        browser.fill("input[name=studentIdNumber]", idNumber);
        browser.fill("input[name=studentPhone]", phone);
        browser.fill("select[name=studentEducation]", "BACHELOR");
        browser.click("#add-student");
    }

    /** What choosing a file in the import's file picker does. */
    private void attachToImport(String content, String fileName) {
        browser.evaluate(
                "const input = document.getElementById('import-students');"
                        + " const chosen = new DataTransfer();"
                        + " chosen.items.add(new File([arguments[0]], arguments[1], {type: 'text/csv'}));"
                        + " input.files = chosen.files;"
                        + " input.dispatchEvent(new Event('change', {bubbles: true}));",
                content,
                fileName);
    }

    /** A date input's value as a user's picking sets it (Vue listens to input events). */
    private void setDate(String css, String isoDate) {
        browser.evaluate(
                "const field = document.querySelector(arguments[0]); field.value = arguments[1];"
                        + " field.dispatchEvent(new Event('input', {bubbles: true}));",
                css,
                isoDate);
    }

    private String importFailure(int line, String field) {
        return browser.textOf(
                "#import-failures tr[data-line='"
                        + line
                        + "'][data-field='"
                        + field
                        + "'] td:nth-child(3)");
    }

    private int studentRows() {
        return ((Number)
                        browser.evaluate(
                                "return document.querySelectorAll('#student-table tbody tr').length;"))
                .intValue();
    }

    private String studentStatus(String studentId) {
        return (String)
                browser.evaluate(
                        "const row = document.querySelector(\"tr[data-student-id='\" + arguments[0] + \"']\");"
                                + " return row ? row.dataset.status : null;",
                        studentId);
    }

    private int tenantListLoads() {
        return Integer.parseInt(
                (String)
                        browser.evaluate(
                                "return document.getElementById('platform-tenants').dataset.loads;"));
    }

    /** Clicks a filter (or page) button and waits for the list it asks for. */
    private void showTenants(String button) {
        int before = tenantListLoads();
        browser.click(button);
        await().atMost(Duration.ofSeconds(10)).until(() -> tenantListLoads() > before);
        assertThat(browser.shows("#platform-problem")).isFalse();
    }

    /**
     * Whether a page of the list shows {@code css}, turning pages from the current one: the suite's
     * tenants share the database, so the one sought need not be on the first.
     */
    private boolean pagesShowing(String css) {
        while (!browser.shows(css)) {
            if (!browser.shows("#tenants-next:enabled")) {
                return false;
            }
            showTenants("#tenants-next");
        }
        return true;
    }

    private void turnPagesUntilShown(String css) {
        assertThat(pagesShowing(css)).as(css + " on a page of the list").isTrue();
    }

    private String qualificationStatus(String card, String type) {
        return (String)
                browser.evaluate(
                        "const row = document.querySelector(arguments[0]);"
                                + " return row ? row.dataset.status : null;",
                        card + " tr[data-stream-type='" + type + "']");
    }

    /** The last download the page saved: name, size, type and its first bytes in hex. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitDownload() {
        String script =
                "const d = window.livelinkLastDownload;"
                        + " return d ? {name: d.name, size: d.size, type: d.type, head: d.head} : null;";
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.evaluate(script) != null);
        return (Map<String, Object>) browser.evaluate(script);
    }

    // --- the APIs ------------------------------------------------------------------------------

    private static JsonPath training(String path) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(analytics + "/training" + path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Map<String, Object>> students(String classId) {
        return training("/classes/" + classId + "/students").getList("items");
    }

    private static String studentId(List<Map<String, Object>> students, String name) {
        return students.stream()
                .filter(s -> name.equals(s.get("name")))
                .map(s -> (String) s.get("id"))
                .findFirst()
                .orElseThrow();
    }

    private static String memberOf(String classId, String studentId) {
        return students(classId).stream()
                .filter(s -> studentId.equals(s.get("id")))
                .map(s -> (String) s.get("memberId"))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> groupMembers(String groupId) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/groups/" + groupId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("members.id", String.class);
    }

    private static List<Map<String, Object>> generateDay(LocalDate day) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .post(analytics + "/tenants/" + tenant + "/daily-rollups/" + day)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static long liveSecondsOf(List<Map<String, Object>> day, String member) {
        return day.stream()
                .filter(row -> member.equals(row.get("memberId")))
                .mapToLong(row -> ((Number) row.get("liveSeconds")).longValue())
                .findFirst()
                .orElse(-1);
    }

    // --- the events link-service would publish -------------------------------------------------

    private static void courseState(
            EventsOnKafka kafka,
            String course,
            String groupId,
            StreamState previous,
            StreamState state,
            Instant at) {
        kafka.publish(
                new StreamStateChanged(
                        course,
                        tenant,
                        StreamType.ENTERPRISE,
                        "安全生产第一课",
                        previous,
                        state,
                        true,
                        "lecturer-" + tenant,
                        groupId,
                        at));
    }

    /** A member's session, JOIN {@code from} minutes after {@code base}, LEAVE at {@code to}. */
    private static void watch(
            EventsOnKafka kafka,
            String stream,
            String member,
            Playback playback,
            Instant base,
            int from,
            int to) {
        MemberViews.session(
                kafka,
                tenant,
                stream,
                member,
                playback,
                Device.MOBILE,
                base.plus(Duration.ofMinutes(from)),
                base.plus(Duration.ofMinutes(to)));
    }

    // --- values --------------------------------------------------------------------------------

    /** A valid resident ID number born 1990-03-07 in Beijing's Chaoyang district. */
    private static String idNumber(int seq, boolean male) {
        String first17 = "110105" + "19900307" + String.format("%02d", seq) + (male ? "1" : "2");
        return first17 + checkCharacter(first17);
    }

    /** ISO 7064 MOD 11-2, as GB 11643 has it. */
    private static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static char wrongCheck(String idNumber) {
        return idNumber.charAt(17) == '0' ? '1' : '0';
    }

    private static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    private static String hex(String ascii) {
        StringBuilder hex = new StringBuilder();
        for (byte b : ascii.getBytes(StandardCharsets.US_ASCII)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
