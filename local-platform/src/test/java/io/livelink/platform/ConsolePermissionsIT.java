package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.browser.HeadlessChromium;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's permissions and directory screens against the real permission-service, in Debian's
 * headless chromium (reference 001). A member applies (a refused attempt first, the problem beside
 * its field), follows and withdraws a request; the tenant admin decides the inbox one by one and in
 * bulk with a comment and a validity, revokes a grant, switches the live service and the broadcast
 * policy, registers a webhook whose deliveries reach a real receiver, and filters the audit trail.
 * In the directory the admin builds the organisation tree, adds a member, imports CSV and XLSX
 * files and reads their per-row reports, searches fuzzily and keeps a group. Each page is checked
 * against the API; each screen is saved in target/console-screenshots (zh-CN, some in English, some
 * at a phone's width); the page may log no error and no failed request beyond the refusals the test
 * provokes.
 */
class ConsolePermissionsIT {

    private static final Path SCREENSHOTS = ConsoleFixture.SCREENSHOTS;
    private static final String XLSX =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static RunningServices services;
    private static String permission;

    private HeadlessChromium browser;
    private HttpServer receiver;

    @BeforeAll
    static void startThePlatformWithTheConsole() throws IOException {
        services = ConsoleFixture.startThePlatformWithTheDemoTenant();
        permission = services.baseUrl(LiveLinkService.PERMISSION);
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
    }

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.screenshot("permissions-last-screen");
            browser.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void membersApplyAndTheTenantAdminDecides() throws Exception {
        String tenant = newTenant();
        for (String member : List.of("alice", "bob", "carol", "dave", "erin")) {
            addMember(tenant, member, member + "@" + tenant + ".example", capitalised(member));
        }
        browser = HeadlessChromium.open("zh-CN,zh", null, HeadlessChromium.LAPTOP, SCREENSHOTS);

        // 1. A member sees "my requests" in the top bar, not the admin's screens.
        ConsoleFixture.signIn(browser, services, "member", tenant, "alice");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#nav-my-requests"));
        assertThat(browser.shows("#nav-permissions")).isFalse();
        assertThat(browser.shows("#nav-directory")).isFalse();
        assertThat(browser.text("nav-my-requests")).isEqualTo("我的申请");
        browser.click("#nav-my-requests");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#no-requests"));

        // Applying without a reason: permission-service's problem, in Chinese, beside the field.
        browser.fill("select[name=purpose]", "BROADCAST");
        browser.click("#apply-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=reason]"));
        assertThat(browser.textOf(".field-error[data-field=reason]")).isEqualTo("必填");
        assertThat(browser.text("apply-problem")).isEqualTo("有些字段需要修改。");
        browser.screenshot("permissions-01-apply-refused-zh-CN");
        assertThat(browser.browserErrors())
                .as("the refused application is the only failed request")
                .hasSize(1)
                .allMatch(
                        e ->
                                e.contains("/api/permission/permission-requests")
                                        && e.contains("400"));

        browser.fill("input[name=reason]", "每周给销售团队做产品演示");
        browser.click("#apply-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("#my-request-table tbody tr") == 1);
        // ... and one to use the app, withdrawn again.
        browser.fill("select[name=purpose]", "USE_APP");
        browser.fill("input[name=reason]", "观看培训直播");
        browser.click("#apply-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("#my-request-table tbody tr") == 2);
        List<Map<String, Object>> mine = requests(TestTokens.member(tenant, "alice"), null);
        assertThat(mine).hasSize(2);
        String useApp = idOf(mine, "purpose", "USE_APP");
        String aliceBroadcast = idOf(mine, "purpose", "BROADCAST");
        browser.evaluate("window.confirm = () => true;");
        browser.click("tr[data-request-id='" + useApp + "'] .cancel-request");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                "CANCELLED"
                                        .equals(
                                                attribute(
                                                        "tr[data-request-id='" + useApp + "']",
                                                        "status")));
        assertThat(request(tenant, useApp).getString("status")).isEqualTo("CANCELLED");
        assertThat(browser.textOf("tr[data-request-id='" + useApp + "'] .state")).isEqualTo("已撤回");
        assertThat(browser.textOf("tr[data-request-id='" + aliceBroadcast + "'] .state"))
                .isEqualTo("待审批");
        browser.screenshot("permissions-02-my-requests-zh-CN");

        // The others ask through the API.
        for (String member : List.of("bob", "carol", "dave", "erin")) {
            apply(tenant, member, "BROADCAST", member + " 的部门直播");
        }

        // 2. The tenant admin's inbox: the count is the API's pending list.
        browser.click("#sign-out");
        ConsoleFixture.signIn(browser, services, "tenant-admin", tenant, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#nav-permissions"));
        assertThat(browser.shows("#nav-my-requests")).isFalse();
        browser.click("#nav-permissions");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#inbox-count"));
        List<Map<String, Object>> pending = requests(TestTokens.tenantAdmin(tenant), "PENDING");
        assertThat(pending).hasSize(5);
        assertThat(browser.text("inbox-count")).isEqualTo(String.valueOf(pending.size()));
        assertThat(rows("#inbox-table tbody tr")).isEqualTo(pending.size());
        assertThat(browser.textOf("tr[data-member=alice] td:nth-child(4)"))
                .isEqualTo("每周给销售团队做产品演示");
        browser.screenshot("permissions-03-inbox-zh-CN");

        // A validity of zero days is refused beside the validity field.
        browser.fill("input[name=validDays]", "0");
        browser.click("tr[data-member=alice] .approve-request");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=validFor]"));
        assertThat(browser.textOf(".field-error[data-field=validFor]")).isEqualTo("必须大于 0 天");
        assertThat(browser.browserErrors())
                .hasSize(1)
                .allMatch(e -> e.contains("/approve") && e.contains("400"));

        // Alice: approved for 30 days with a comment; the API holds her grant.
        browser.fill("input[name=validDays]", "30");
        browser.fill("input[name=comment]", "同意，注意直播规范");
        browser.click("tr[data-member=alice] .approve-request");
        await().atMost(Duration.ofSeconds(10)).until(() -> "4".equals(browser.text("inbox-count")));
        JsonPath approved = request(tenant, aliceBroadcast);
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        assertThat(approved.getString("decisionComment")).isEqualTo("同意，注意直播规范");
        Map<String, Object> aliceGrant = grantOf(tenant, "alice");
        assertThat(aliceGrant.get("id")).isEqualTo(approved.getString("grantId"));
        Instant expires = Instant.parse((String) aliceGrant.get("expiresAt"));
        assertThat(expires)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(30)).minusSeconds(300),
                        Instant.now().plus(Duration.ofDays(30)).plusSeconds(300));

        // Bob: rejected one by one.
        browser.fill("input[name=validDays]", "");
        browser.fill("input[name=comment]", "本月名额已满");
        browser.click("tr[data-member=bob] .reject-request");
        await().atMost(Duration.ofSeconds(10)).until(() -> "3".equals(browser.text("inbox-count")));
        assertThat(statusOf(tenant, "bob")).isEqualTo("REJECTED");

        // Carol and Dave approved together (until revoked), Erin rejected in bulk.
        browser.click("tr[data-member=carol] .check-request");
        browser.click("tr[data-member=dave] .check-request");
        assertThat(browser.text("bulk-approve")).contains("2");
        browser.click("#bulk-approve");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#bulk-outcome"));
        assertThat(browser.textOf("#bulk-outcome p")).isEqualTo("已通过 2 条。");
        assertThat(browser.text("inbox-count")).isEqualTo("1");
        assertThat(statusOf(tenant, "carol")).isEqualTo("APPROVED");
        assertThat(statusOf(tenant, "dave")).isEqualTo("APPROVED");
        assertThat(grantOf(tenant, "dave").get("expiresAt")).isNull();
        browser.screenshot("permissions-04-bulk-approved-zh-CN");
        browser.click("#check-all");
        browser.click("#bulk-reject");
        await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(browser.text("inbox-count")));
        assertThat(browser.textOf("#bulk-outcome p")).isEqualTo("已拒绝 1 条。");
        assertThat(statusOf(tenant, "erin")).isEqualTo("REJECTED");
        assertThat(requests(TestTokens.tenantAdmin(tenant), "PENDING")).isEmpty();
        assertThat(browser.shows("#inbox-empty")).isTrue();

        // Every status: the page's rows are the API's requests.
        browser.fill("select[name=statusFilter]", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("#inbox-table tbody tr") == 6);
        assertThat(requests(TestTokens.tenantAdmin(tenant), null)).hasSize(6);
        browser.screenshot("permissions-05-all-requests-zh-CN");

        // 3. Grants: the API's three, Carol's revoked from the page.
        browser.click("#tab-grants");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#grant-table"));
        List<Map<String, Object>> grants = grants(tenant);
        assertThat(grants).hasSize(3);
        assertThat(rows("#grant-table tbody tr")).isEqualTo(3);
        for (Map<String, Object> grant : grants) {
            assertThat(
                            browser.textOf(
                                    "tr[data-grant-id='" + grant.get("id") + "'] td:nth-child(2)"))
                    .isEqualTo(grant.get("subAccountLogin"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(browser.text("inbox-count")));
        browser.evaluate("window.confirm = () => true;");
        browser.fill("input[name=revokeReason]", "项目结束");
        browser.click("tr[data-member=carol] .revoke-grant");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "REVOKED".equals(attribute("tr[data-member=carol]", "state")));
        assertThat(grantOf(tenant, "carol").get("revokedAt")).isNotNull();
        assertThat(browser.textOf("tr[data-member=carol] .state")).isEqualTo("已撤销");
        browser.screenshot("permissions-06-grants-zh-CN");

        // 4. The live service switch and the broadcast policy.
        browser.click("#tab-settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#save-settings"));
        assertThat(
                        browser.evaluate(
                                "return document.querySelector('select[name=broadcastPolicy]').value;"))
                .isEqualTo("SELECTED_MEMBERS");
        browser.fill("select[name=broadcastPolicy]", "ALL_MEMBERS");
        browser.click("input[name=liveServiceEnabled]");
        browser.click("#save-settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#settings-saved"));
        JsonPath settings = tenantView(tenant);
        assertThat(settings.getString("broadcastPolicy")).isEqualTo("ALL_MEMBERS");
        assertThat(settings.getBoolean("liveServiceEnabled")).isFalse();
        browser.screenshot("permissions-07-settings-zh-CN");
        browser.click("input[name=liveServiceEnabled]");
        browser.click("#save-settings");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tenantView(tenant).getBoolean("liveServiceEnabled"));

        // 5. The webhook: none yet; a refused registration; one that reaches a real receiver.
        AtomicInteger received = startReceiver();
        browser.click("#tab-webhook");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#webhook-current"));
        assertThat(browser.text("webhook-current").trim()).isEqualTo("尚未配置 Webhook。");
        browser.fill("input[name=webhookUrl]", "ftp://example");
        browser.fill("input[name=webhookSecret]", "short");
        browser.click("#save-webhook");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=url]"));
        assertThat(browser.textOf(".field-error[data-field=url]")).isEqualTo("须为 http(s) 地址");
        assertThat(browser.textOf(".field-error[data-field=secret]"))
                .isEqualTo("长度须为 16 到 200 个字符");
        assertThat(browser.browserErrors())
                .hasSize(1)
                .allMatch(e -> e.contains("/webhook") && e.contains("400"));
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        browser.fill("input[name=webhookUrl]", hook);
        browser.fill("input[name=webhookSecret]", "a-secret-of-the-test-webhook");
        browser.click("#save-webhook");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#webhook-saved"));
        assertThat(webhook(tenant).getString("url")).isEqualTo(hook);
        String erinAgain = apply(tenant, "erin", "USE_APP", "再次申请");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.get() >= 1);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            browser.click("#refresh-deliveries");
                            Thread.sleep(300);
                            return browser.shows("#delivery-table tr[data-outcome=DELIVERED]");
                        });
        List<Map<String, Object>> deliveries = deliveries(tenant);
        assertThat(rows("#delivery-table tbody tr")).isEqualTo(deliveries.size());
        Map<String, Object> delivery = deliveries.get(0);
        assertThat(delivery.get("eventType")).isEqualTo("permission-request.requested");
        assertThat(attribute("#delivery-table tbody tr", "deliveryId"))
                .isEqualTo(delivery.get("id"));
        assertThat(browser.textOf("#delivery-table tbody tr .attempts"))
                .isEqualTo(String.valueOf(delivery.get("attempts")));
        browser.screenshot("permissions-08-webhook-zh-CN");

        // 6. The audit trail, filtered by action, by subject and by time, as the API answers.
        browser.click("#tab-audit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#audit-table"));
        browser.fill("select[name=auditAction]", "permission-request.approved");
        browser.click("#audit-search");
        List<Map<String, Object>> approvals =
                audit(tenant, Map.of("action", "permission-request.approved"));
        assertThat(approvals).hasSize(3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows("#audit-table tbody tr") == approvals.size());
        assertThat(allAttributes("#audit-table tbody tr", "action"))
                .containsOnly("permission-request.approved");
        assertThat(browser.textOf("#audit-table tbody tr td:nth-child(3)")).isEqualTo("通过申请");
        browser.screenshot("permissions-09-audit-approved-zh-CN");
        browser.fill("select[name=auditAction]", "");
        browser.fill("input[name=auditSubject]", aliceBroadcast);
        browser.click("#audit-search");
        List<Map<String, Object>> aboutAlice = audit(tenant, Map.of("subjectId", aliceBroadcast));
        assertThat(aboutAlice).hasSize(2); // requested, approved
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows("#audit-table tbody tr") == aboutAlice.size());
        assertThat(allAttributes("#audit-table tbody tr", "seq"))
                .containsExactlyElementsOf(
                        aboutAlice.stream().map(e -> String.valueOf(e.get("seq"))).toList());
        setValue("input[name=auditFrom]", "2099-01-01T00:00");
        browser.click("#audit-search");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#audit-empty"));
        assertThat(
                        audit(
                                tenant,
                                Map.of(
                                        "subjectId",
                                        aliceBroadcast,
                                        "from",
                                        Instant.parse("2098-12-31T00:00:00Z").toString())))
                .isEmpty();

        // 7. In English, and at a phone's width without sideways scrolling.
        browser.fill("#language", "en");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "Audit trail".equals(browser.textOf("#audit h2")));
        browser.click("#tab-inbox");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#inbox-table"));
        assertThat(browser.textOf("tr[data-request-id='" + erinAgain + "'] .state"))
                .isEqualTo("Pending");
        browser.screenshot("permissions-10-inbox-en");
        browser.resize(HeadlessChromium.PHONE);
        for (String tab : List.of("inbox", "grants", "webhook", "audit", "settings")) {
            browser.click("#tab-" + tab);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> tab.equals(attribute(".permissions-page", "section")));
            Thread.sleep(400);
            assertThat(noSidewaysScroll()).as("no sideways scrolling on %s", tab).isTrue();
            if (tab.equals("inbox") || tab.equals("grants")) {
                browser.screenshot("permissions-11-" + tab + "-phone-en");
            }
        }
        browser.resize(HeadlessChromium.LAPTOP);

        assertThat(browser.browserErrors())
                .as("console errors and failed requests after the refusals the test provoked")
                .isEmpty();
    }

    @Test
    void theTenantAdminKeepsTheDirectory() throws Exception {
        String tenant = newTenant();
        browser = HeadlessChromium.open("zh-CN,zh", null, HeadlessChromium.LAPTOP, SCREENSHOTS);
        ConsoleFixture.signIn(browser, services, "tenant-admin", tenant, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#nav-directory"));
        assertThat(browser.text("nav-directory")).isEqualTo("通讯录");
        browser.click("#nav-directory");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#no-members"));

        // 1. The organisation tree: a department, and one under it.
        browser.fill("input[name=organisationName]", "销售部");
        browser.click("#add-organisation");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows("#organisation-tree li[data-depth]") == 1);
        browser.fill("input[name=organisationName]", "华东区");
        String sales = organisationId(tenant, "销售部");
        browser.fill("select[name=organisationParent]", sales);
        browser.click("#add-organisation");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows("#organisation-tree li[data-depth]") == 2);
        String east = organisationId(tenant, "华东区");
        assertThat(organisations(tenant))
                .anySatisfy(
                        o -> {
                            assertThat(o.get("name")).isEqualTo("华东区");
                            assertThat(o.get("parentId")).isEqualTo(sales);
                        });
        assertThat(attribute("#organisation-tree li[data-depth='1'] a", "organisationId"))
                .isEqualTo(east);

        // 2. A member added in 华东区 (chosen in the tree): a bad phone first, named beside it.
        browser.click("#show-add-member");
        browser.fill("input[name=memberAccount]", "zhang.wei@" + tenant + ".example");
        browser.fill("input[name=memberDisplayName]", "张伟");
        browser.fill("input[name=memberId]", "zhangwei");
        browser.fill("input[name=memberPhone]", "12");
        browser.click("#add-member");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=phone]"));
        assertThat(browser.textOf(".field-error[data-field=phone]")).isEqualTo("必须是手机号码");
        assertThat(browser.browserErrors())
                .hasSize(1)
                .allMatch(e -> e.contains("/members") && e.contains("400"));
        browser.fill("input[name=memberPhone]", "13800002222");
        browser.click("#add-member");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#member-table tr[data-member-id=zhangwei]"));
        Map<String, Object> zhang = member(tenant, "zhangwei");
        assertThat(zhang.get("organisationId")).isEqualTo(east);
        assertThat(browser.textOf("tr[data-member-id=zhangwei] td:nth-child(4)"))
                .isEqualTo(zhang.get("phone"))
                .doesNotContain("00002222");
        assertThat(browser.textOf("tr[data-member-id=zhangwei] td:nth-child(5)")).isEqualTo("华东区");
        browser.screenshot("directory-01-tree-and-members-zh-CN");

        // 3. A CSV import: the page shows the API's per-row report, in Chinese.
        browser.click("#tab-import");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#import-submit"));
        String csv =
                "account,displayName,id,phone,organisation\n"
                        + "li.na@x.example,李娜,lina,13900001111,华东区\n"
                        + "wang.fang@x.example,王芳,wangfang,,销售部\n"
                        + "no.name@x.example,,noname,,\n"
                        + "li.na@x.example,李娜二号,lina2,,\n"
                        + "liu.yang@x.example,刘洋,liuyang,,华南区\n"
                        + "chen.jing@x.example,陈静,chenjing,13700003333,\n";
        attach(
                "input[name=importFile]",
                csv.getBytes(StandardCharsets.UTF_8),
                "members.csv",
                "text/csv");
        browser.click("#import-submit");
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.shows("#import-report"));
        assertThat(browser.text("import-imported")).isEqualTo("成功 3 行");
        assertThat(browser.text("import-failed")).isEqualTo("失败 3 行");
        assertThat(attribute("#import-table tr[data-line='2']", "status")).isEqualTo("IMPORTED");
        assertThat(attribute("#import-table tr[data-line='4']", "status")).isEqualTo("FAILED");
        assertThat(browser.textOf("#import-table tr[data-line='4'] .row-errors"))
                .isEqualTo("displayName: 必填");
        assertThat(browser.textOf("#import-table tr[data-line='5'] .row-errors"))
                .isEqualTo("account: 在文件中重复出现");
        assertThat(browser.textOf("#import-table tr[data-line='6'] .row-errors"))
                .isEqualTo("organisation: 没有名为“华南区”的部门");
        for (String imported : List.of("lina", "wangfang", "chenjing")) {
            assertThat(member(tenant, imported).get("status")).isEqualTo("ACTIVE");
        }
        assertThat(member(tenant, "lina").get("organisationId")).isEqualTo(east);
        assertThat(
                        given().auth()
                                .oauth2(TestTokens.tenantAdmin(tenant))
                                .get(permission + "/tenants/" + tenant + "/members/noname")
                                .statusCode())
                .isEqualTo(404);
        browser.screenshot("directory-02-csv-import-report-zh-CN");

        // ... and an XLSX: one good row, one with a bad phone.
        attach("input[name=importFile]", workbook(), "members.xlsx", XLSX);
        browser.click("#import-submit");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "成功 1 行".equals(browser.text("import-imported")));
        assertThat(browser.text("import-failed")).isEqualTo("失败 1 行");
        assertThat(browser.textOf("#import-table tr[data-line='3'] .row-errors"))
                .isEqualTo("phone: 必须是手机号码");
        assertThat(member(tenant, "zhaolei").get("displayName")).isEqualTo("赵磊");
        browser.screenshot("directory-03-xlsx-import-report-zh-CN");

        // 4. Fuzzy search, and the tree's node filter, as the API finds them.
        browser.click("#tab-members");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#member-table"));
        assertThat(rows("#member-table tbody tr")).isEqualTo(search(tenant, Map.of()).size());
        browser.fill("input[name=memberSearch]", "chen.jin");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "chenjing".equals(attribute("#member-table tbody tr", "memberId")));
        assertThat(allAttributes("#member-table tbody tr", "memberId"))
                .containsExactlyElementsOf(ids(search(tenant, Map.of("q", "chen.jin"))));
        browser.screenshot("directory-04-fuzzy-search-zh-CN");
        browser.fill("input[name=memberSearch]", "");
        browser.click("#organisation-tree a[data-organisation-id='" + east + "']");
        List<String> inEast = ids(search(tenant, Map.of("organisationId", east)));
        assertThat(inEast).containsExactlyInAnyOrder("zhangwei", "lina");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> allAttributes("#member-table tbody tr", "memberId").equals(inEast));

        // 5. A group: created, two members added through the search, one removed again.
        browser.click("#tab-groups");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#no-groups"));
        browser.fill("input[name=groupName]", "新品发布观众");
        browser.click("#create-group");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#group-empty"));
        String groupId = attribute("#group", "groupId");
        for (String query : List.of("李娜", "王芳")) {
            int before = rows("#group-members li");
            browser.fill("input[name=groupCandidate]", query);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.shows("#group-candidates .add-to-group"));
            browser.click("#group-candidates .add-to-group");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rows("#group-members li") == before + 1);
        }
        assertThat(groupMembers(tenant, groupId)).containsExactlyInAnyOrder("lina", "wangfang");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                "2 名成员"
                                        .equals(
                                                browser.textOf(
                                                        "li[data-group-id='"
                                                                + groupId
                                                                + "'] .group-count")));
        browser.screenshot("directory-05-group-zh-CN");
        browser.click("#group-members li[data-member-id=wangfang] .remove-from-group");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("#group-members li") == 1);
        assertThat(groupMembers(tenant, groupId)).containsExactly("lina");
        assertThat(allAttributes("#group-members li", "memberId")).containsExactly("lina");

        // 6. English, and a phone's width.
        browser.fill("#language", "en");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "Groups".equals(browser.textOf("#groups h2")));
        assertThat(browser.textOf("li[data-group-id='" + groupId + "'] .group-count"))
                .isEqualTo("members: 1");
        browser.click("#tab-members");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#member-table"));
        browser.screenshot("directory-06-members-en");
        browser.resize(HeadlessChromium.PHONE);
        for (String tab : List.of("members", "import", "groups")) {
            browser.click("#tab-" + tab);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> tab.equals(attribute(".directory-page", "section")));
            Thread.sleep(400);
            assertThat(noSidewaysScroll()).as("no sideways scrolling on %s", tab).isTrue();
        }
        browser.click("#tab-members");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#member-table"));
        browser.screenshot("directory-07-members-phone-en");
        browser.resize(HeadlessChromium.LAPTOP);

        assertThat(browser.browserErrors())
                .as("console errors and failed requests after the refusal the test provoked")
                .isEmpty();
    }

    // --- the page ---

    private int rows(String css) {
        return ((Number)
                        browser.evaluate(
                                "return document.querySelectorAll(arguments[0]).length;", css))
                .intValue();
    }

    private String attribute(String css, String dataName) {
        Object value =
                browser.evaluate(
                        "const e = document.querySelector(arguments[0]);"
                                + " return e ? (e.dataset[arguments[1]] ?? null) : null;",
                        css,
                        dataName);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private List<String> allAttributes(String css, String dataName) {
        return new ArrayList<>(
                (List<String>)
                        browser.evaluate(
                                "return [...document.querySelectorAll(arguments[0])]"
                                        + ".map(e => e.dataset[arguments[1]]);",
                                css,
                                dataName));
    }

    /** Sets an input's value as the browser's own picker would (datetime-local). */
    private void setValue(String css, String value) {
        browser.evaluate(
                "const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                        + " e.dispatchEvent(new Event('input', {bubbles: true}));",
                css,
                value);
    }

    /** Chooses a file in a file input, as picking it in the dialog would. */
    private void attach(String css, byte[] content, String name, String type) {
        browser.evaluate(
                "const input = document.querySelector(arguments[0]);"
                        + " const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));"
                        + " const files = new DataTransfer();"
                        + " files.items.add(new File([bytes], arguments[2], {type: arguments[3]}));"
                        + " input.files = files.files;"
                        + " input.dispatchEvent(new Event('change', {bubbles: true}));",
                css,
                Base64.getEncoder().encodeToString(content),
                name,
                type);
    }

    private boolean noSidewaysScroll() {
        return (Boolean)
                browser.evaluate(
                        "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    }

    // --- the API ---

    private static String newTenant() {
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "控制台测试企业 " + id))
                .post(permission + "/tenants")
                .then()
                .statusCode(201);
        return id;
    }

    private static void addMember(String tenant, String id, String account, String name) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "account", account, "displayName", name))
                .post(permission + "/tenants/" + tenant + "/members")
                .then()
                .statusCode(201);
    }

    private static String apply(String tenant, String member, String purpose, String reason) {
        return given().auth()
                .oauth2(TestTokens.member(tenant, member))
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "reason", reason))
                .post(permission + "/permission-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static List<Map<String, Object>> requests(String token, String status) {
        var call = given().auth().oauth2(token).queryParam("size", 500);
        if (status != null) {
            call.queryParam("status", status);
        }
        return call.get(permission + "/permission-requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static JsonPath request(String tenant, String id) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/permission-requests/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The status of the member's BROADCAST request. */
    private static String statusOf(String tenant, String member) {
        return requests(TestTokens.tenantAdmin(tenant), null).stream()
                .filter(
                        r ->
                                member.equals(r.get("memberId"))
                                        && "BROADCAST".equals(r.get("purpose")))
                .map(r -> (String) r.get("status"))
                .findFirst()
                .orElseThrow();
    }

    private static List<Map<String, Object>> grants(String tenant) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParam("size", 500)
                .get(permission + "/grants")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static Map<String, Object> grantOf(String tenant, String member) {
        return grants(tenant).stream()
                .filter(g -> member.equals(g.get("memberId")))
                .findFirst()
                .orElseThrow();
    }

    private static JsonPath tenantView(String tenant) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath webhook(String tenant) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/webhook")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Map<String, Object>> deliveries(String tenant) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/webhook/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static List<Map<String, Object>> audit(String tenant, Map<String, String> filter) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParams(filter)
                .queryParam("size", 200)
                .get(permission + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static List<Map<String, Object>> organisations(String tenant) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/organisations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static String organisationId(String tenant, String name) {
        return organisations(tenant).stream()
                .filter(o -> name.equals(o.get("name")))
                .map(o -> (String) o.get("id"))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> member(String tenant, String id) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/members/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
    }

    private static List<Map<String, Object>> search(String tenant, Map<String, String> filter) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .queryParams(new HashMap<>(filter))
                .queryParam("size", 200)
                .get(permission + "/tenants/" + tenant + "/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static List<String> ids(List<Map<String, Object>> members) {
        return members.stream().map(m -> (String) m.get("id")).toList();
    }

    private static List<String> groupMembers(String tenant, String groupId) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(tenant))
                .get(permission + "/tenants/" + tenant + "/groups/" + groupId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("members.id");
    }

    // --- fixtures ---

    private AtomicInteger startReceiver() throws IOException {
        AtomicInteger count = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/hook",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    count.incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
        receiver.start();
        return count;
    }

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("members");
            String[][] cells = {
                {"account", "displayName", "id", "phone"},
                {"zhao.lei@x.example", "赵磊", "zhaolei", "13600004444"},
                {"sun.li@x.example", "孙丽", "sunli", "12"},
            };
            for (int r = 0; r < cells.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    row.createCell(c).setCellValue(cells[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private static String idOf(List<Map<String, Object>> items, String field, String value) {
        return items.stream()
                .filter(i -> value.equals(i.get(field)))
                .map(i -> (String) i.get("id"))
                .findFirst()
                .orElseThrow();
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
