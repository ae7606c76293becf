package io.livelink.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.browser.HeadlessChromium;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console against the real services, in Debian's headless chromium: the development sign-in,
 * creating a MINI_PROGRAM stream (refused attempts first, without a title and with a phrase the
 * content review refuses, each problem shown next to the field), starting it, issuing a link with
 * UTM values, and the live dashboard following viewers who open that link and leave, second by
 * second, with the numbers the analytics API holds. Then English, a phone's width, and revoking the
 * link. Every step's screen is in target/console-screenshots; the page may log no error and no
 * failed request beyond the one refusal it was asked to show.
 */
class ConsoleEndToEndIT {

    private static final Path SCREENSHOTS = ConsoleFixture.SCREENSHOTS;
    private static final Path DOWNLOADS = Path.of("target/console-downloads");
    private static final String INSIDE_WECHAT_MINI_PROGRAM =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
                    + " Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN"
                    + " miniProgram/wx0000000000000000";

    private static SmallOidcIssuer oidcIssuer;
    private static RunningServices services;
    private static String link;
    private static String analytics;
    private static String console;

    private HeadlessChromium browser;

    @BeforeAll
    static void startThePlatformWithTheConsole() throws IOException {
        // The console offers the OIDC sign-in of this issuer beside the development sign-in.
        oidcIssuer = new SmallOidcIssuer(() -> TestTokens.tenantAdmin(DemoTenant.ID));
        services =
                ConsoleFixture.startThePlatformWithTheDemoTenant(
                        Map.of(
                                "LIVELINK_CONSOLE_OIDC_ISSUER_URL",
                                oidcIssuer.url(),
                                "LIVELINK_CONSOLE_OIDC_CLIENT_ID",
                                SmallOidcIssuer.CLIENT_ID));
        link = services.baseUrl(LiveLinkService.LINK);
        analytics = services.baseUrl(LiveLinkService.ANALYTICS);
        console = ConsoleFixture.consoleUrl(services);
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (oidcIssuer != null) {
            oidcIssuer.close();
        }
    }

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            // What the page showed last: the screen to look at when a step failed.
            browser.screenshot("last-screen");
            browser.close();
        }
    }

    @Test
    void anOperatorCreatesAStreamIssuesALinkAndWatchesViewersArriveLive() throws Exception {
        browser = HeadlessChromium.open("zh-CN,zh", null, HeadlessChromium.LAPTOP, SCREENSHOTS);
        browser.downloadInto(DOWNLOADS);

        // 1. A browser that prefers Chinese gets the sign-in in Chinese, with the development
        // sign-in the local issuer allows.
        browser.open(console);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.shows("#sign-in-submit"));
        assertThat(browser.textOf("#sign-in h1")).isEqualTo("登录");
        browser.screenshot("1-sign-in-zh-CN");

        browser.fill("select[name=role]", "tenant-admin");
        browser.fill("input[name=tenant]", DemoTenant.ID);
        browser.click("#sign-in-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#new-stream"));
        assertThat(browser.text("signed-in-as")).contains("admin-of-demo", "租户管理员");
        browser.screenshot("2-streams-zh-CN");

        // 2. Creating a stream without a title: link-service's problem, in Chinese, beside the
        // title field.
        browser.click("#new-stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.shows("#create-stream-submit"));
        browser.fill("select[name=type]", "MINI_PROGRAM");
        browser.click("#create-stream-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows(".field-error[data-field=title]"));
        assertThat(browser.textOf(".field-error[data-field=title]")).isEqualTo("必填");
        assertThat(browser.text("create-stream-problem")).isEqualTo("有些字段需要修改。");
        browser.screenshot("3-create-refused-zh-CN");

        // A public stream's title is reviewed: the refused phrase is named beside the field.
        browser.fill("input[name=title]", "转发朋友圈领红包");
        browser.click("#create-stream-submit");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                String.valueOf(browser.textOf(".field-error[data-field=title]"))
                                        .contains("转发朋友圈领红包"));
        assertThat(browser.textOf(".field-error[data-field=title]"))
                .isEqualTo("含有公开直播禁止使用的词语“转发朋友圈领红包”（不得诱导分享）");
        assertThat(browser.text("create-stream-problem")).isEqualTo("标题或简介含有公开直播禁止使用的词语。");
        browser.screenshot("3b-content-review-zh-CN");
        List<String> refusals = browser.browserErrors();
        assertThat(refusals)
                .as("the failed requests are the two refused creations")
                .allMatch(
                        error ->
                                error.contains("/api/link/streams")
                                        && (error.contains("400") || error.contains("422")));

        // 3. With a title it is created, and the page shows it as the API has it.
        browser.fill("input[name=title]", "新品发布会");
        browser.click("#create-stream-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#stream-title"));
        String streamId = streamIdOnPage();
        JsonPath created = stream(streamId);
        assertThat(created.getString("title")).isEqualTo("新品发布会");
        assertThat(created.getString("type")).isEqualTo("MINI_PROGRAM");
        assertThat(browser.text("stream-state")).isEqualTo("未开始");

        browser.click("#start-stream");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "直播中".equals(browser.text("stream-state")));
        assertThat(stream(streamId).getString("state")).isEqualTo("LIVE");

        // 4. A link for the official account's menu, with UTM values.
        browser.fill("input[name=channel]", "wechat-menu");
        browser.fill("input[name=utmSource]", "wechat");
        browser.fill("input[name=utmMedium]", "menu");
        browser.fill("input[name=utmCampaign]", "launch");
        browser.click("#issue-link");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("li[data-link-id]"));
        String url = (String) browser.evaluate("return document.querySelector('.link-url').value;");
        assertThat(url).startsWith("weixin://dl/business/?appid=");
        String code =
                URLDecoder.decode(url, StandardCharsets.UTF_8)
                        .replaceAll(".*code=([0-9A-Za-z]{10}).*", "$1");
        String linkId =
                (String)
                        browser.evaluate(
                                "return document.querySelector('li[data-link-id]')"
                                        + ".dataset.linkId;");
        // The list is link-service's list of the stream's links, not what this page issued.
        JsonPath listed = streamLinks(streamId);
        assertThat(pageLinkIds("#stream-links li")).isEqualTo(listed.getList("linkId"));
        assertThat(url).isEqualTo(listed.getString("[0].url"));
        assertThat(browser.textOf("li[data-link-id] .link-utm"))
                .isEqualTo("wechat / menu / launch");

        // 5. The live dashboard is connected before anyone watches. analytics-service learns of
        // a stream from its events, so for a moment after the creation it answers 404 and the
        // page asks again: those are the only failed requests it may make.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "open".equals(browser.evaluate(feedState())));
        assertThat(browser.text("figure-concurrent")).isEqualTo("0");
        assertThat(browser.browserErrors())
                .as("failed requests while analytics had not yet seen the stream")
                .allMatch(
                        error ->
                                (error.contains("/api/analytics/streams/" + streamId + "/seconds")
                                                || error.contains(
                                                        "/api/analytics/streams/"
                                                                + streamId
                                                                + "/viewers"))
                                        && error.contains("404"));
        showTheDashboard();
        browser.screenshot("4-stream-before-viewers-zh-CN");

        // ... and follows two viewers opening the link in WeChat, each second as it closes.
        JsonPath first = openInWeChat(code, "oViewerOne_0001");
        openInWeChat(code, "oViewerTwo_0002");
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "2".equals(browser.text("figure-concurrent")));
        assertThat(browser.text("figure-joins")).isEqualTo("2");
        assertThatThePageShowsTheNewestSecondOfTheApi(streamId);
        showTheDashboard();
        browser.screenshot("5-two-viewers-live-zh-CN");

        // One leaves.
        given().post(link + "/sessions/" + first.getString("viewSession") + "/leave")
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "1".equals(browser.text("figure-concurrent")));
        assertThat(browser.text("figure-leaves")).isEqualTo("1");
        assertThatThePageShowsTheNewestSecondOfTheApi(streamId);
        assertThat(chartPoints()).as("seconds drawn on the chart").isGreaterThanOrEqualTo(2);
        showTheDashboard();
        browser.screenshot("6-one-left-zh-CN");

        // The behaviour records: the two view sessions, as analytics-service answers them.
        assertThatTheRecordsAreTheApis(streamId, 2);
        assertThat(
                        browser.evaluate(
                                "return [...document.querySelectorAll('#records-table .record-viewer')]"
                                        + ".every(cell => cell.textContent.trim().length > 0);"))
                .isEqualTo(true);
        showTheRecords();
        browser.screenshot("6b-behaviour-records-zh-CN");

        // The exports of a MINI_PROGRAM stream arrive as files, under the server's names.
        assertThat(browser.textOf("#export-seconds-csv")).isEqualTo("逐秒数据 CSV");
        Path secondsCsv = exportFromThePage("seconds", "csv");
        assertThat(secondsCsv.getFileName().toString())
                .startsWith("stream-" + streamId + "-seconds-")
                .endsWith(".csv");
        assertThat(Files.readString(secondsCsv).replace("\uFEFF", ""))
                .startsWith("second,concurrent_viewers,joins,leaves,new_unique_viewers,revision");
        Path viewersCsv = exportFromThePage("viewers", "csv");
        List<String> viewerLines = Files.readAllLines(viewersCsv);
        assertThat(viewerLines.get(0).replace("\uFEFF", "")).startsWith("viewer_id,session_id");
        assertThat(viewerLines).as("header and the two sessions").hasSize(3);
        for (String report : List.of("seconds", "viewers")) {
            Path xlsx = exportFromThePage(report, "xlsx");
            assertThat(xlsx.getFileName().toString()).endsWith(".xlsx");
            assertThat(new String(Files.readAllBytes(xlsx), 0, 2, StandardCharsets.US_ASCII))
                    .as("an XLSX file is a ZIP")
                    .isEqualTo("PK");
        }
        browser.screenshot("6c-exports-zh-CN");

        // 6. In English, the same page in the user's other language, remembered.
        browser.fill("#language", "en");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "Live".equals(browser.text("stream-state")));
        assertThat(browser.textOf("#dashboard h2")).isEqualTo("Live viewers, per second");
        assertThat(browser.evaluate("return localStorage.getItem('livelink.console.language');"))
                .isEqualTo("en");
        showTheDashboard();
        browser.screenshot("7-dashboard-en");

        // 7. At a phone's width everything stacks and stays readable.
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertThat(
                        (Boolean)
                                browser.evaluate(
                                        "return document.documentElement.scrollWidth"
                                                + " <= window.innerWidth + 1;"))
                .as("no sideways scrolling on a phone")
                .isTrue();
        showTheDashboard();
        browser.screenshot("8-dashboard-phone-en");
        browser.resize(HeadlessChromium.LAPTOP);

        // 8. Revoking the link: marked on the page, and the next viewer is refused.
        browser.evaluate("window.confirm = () => true;");
        browser.click(".revoke-link");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("li.revoked"));
        given().header("User-Agent", INSIDE_WECHAT_MINI_PROGRAM)
                .header("X-WeChat-OpenId", "oViewerThree_0003")
                .get(link + "/mp/" + code)
                .then()
                .statusCode(410);
        assertThat(linkId).isNotBlank();
        assertThat(streamLinks(streamId).getString("[0].revokedAt")).isNotNull();
        // Reloaded, the page still marks it: the mark comes from link-service.
        browser.evaluate("window.beforeTheReload = true; location.reload();");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                browser.evaluate("return window.beforeTheReload === undefined;")
                                                .equals(Boolean.TRUE)
                                        && browser.shows(
                                                "li.revoked[data-link-id='" + linkId + "']"));
        assertThat(browser.textOf("li.revoked .revoked-mark")).startsWith("Revoked ");
        assertThat(browser.shows("li.revoked .revoke-link")).isFalse();
        browser.evaluate("document.getElementById('links').scrollIntoView();");
        browser.screenshot("9-link-revoked-en");

        assertThat(browser.browserErrors())
                .as("console errors and failed requests after the refused creation")
                .isEmpty();
    }

    @Test
    void anH5StreamsMinutesArePerChannel() throws Exception {
        browser = HeadlessChromium.open("en-US,en", null, HeadlessChromium.LAPTOP, SCREENSHOTS);
        browser.downloadInto(DOWNLOADS);
        browser.open(console);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.shows("#sign-in-submit"));
        assertThat(browser.textOf("#sign-in h1")).isEqualTo("Sign in");
        browser.fill("select[name=role]", "tenant-admin");
        browser.fill("input[name=tenant]", DemoTenant.ID);
        browser.click("#sign-in-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#new-stream"));

        browser.click("#new-stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.shows("#create-stream-submit"));
        browser.fill("select[name=type]", "H5");
        browser.fill("input[name=title]", "Spring launch");
        browser.click("#create-stream-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#start-stream"));
        String streamId = streamIdOnPage();
        browser.click("#start-stream");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "Live".equals(browser.text("stream-state")));

        // Two channels: Weibo (by its utm_source) and a poster.
        String weibo = issueLink("weibo-post", "weibo");
        String poster = issueLink("poster", null);
        assertThat(weibo).startsWith(link + "/s/");
        openAsViewer(weibo, "uid-weibo-1");
        openAsViewer(weibo, "uid-weibo-2");
        openAsViewer(poster, "uid-poster-1");

        // Once the minute closed, the page shows it per channel, as the API has it.
        await().atMost(Duration.ofSeconds(100))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> browser.shows("#minutes-table .minute-channel"));
        Map<String, Object> minute = minutes(streamId).get(0);
        assertThat(browser.textOf("#minutes-table .minute-total td:nth-child(3)"))
                .isEqualTo(String.valueOf(minute.get("views")))
                .isEqualTo("3");
        Map<String, String> viewsByChannel = viewsPerChannelOnPage();
        assertThat(viewsByChannel).containsEntry("weibo", "2").containsEntry("poster", "1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> channels = (List<Map<String, Object>>) minute.get("channels");
        for (Map<String, Object> channel : channels) {
            assertThat(viewsByChannel)
                    .containsEntry(
                            (String) channel.get("channel"), String.valueOf(channel.get("views")));
        }
        showTheDashboard();
        browser.screenshot("10-h5-minutes-en");
        assertThat(browser.browserErrors())
                .as("only while analytics had not yet seen the stream")
                .allMatch(
                        error ->
                                (error.contains("/api/analytics/streams/" + streamId + "/minutes")
                                                || error.contains(
                                                        "/api/analytics/streams/"
                                                                + streamId
                                                                + "/viewers"))
                                        && error.contains("404"));

        // The three viewers' behaviour records, and the H5 exports: JSON and a PDF report.
        assertThatTheRecordsAreTheApis(streamId, 3);
        assertThat(browser.textOf("#export-minutes-pdf")).isEqualTo("Report as PDF");
        Path json = exportFromThePage("minutes", "json");
        assertThat(json.getFileName().toString())
                .startsWith("stream-" + streamId + "-minutes-")
                .endsWith(".json");
        JsonPath exported = JsonPath.from(json.toFile());
        assertThat(exported.getString("streamId")).isEqualTo(streamId);
        assertThat(exported.getInt("minutes[0].views")).isEqualTo(3);
        Path pdf = exportFromThePage("minutes", "pdf");
        assertThat(new String(Files.readAllBytes(pdf), 0, 4, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF");
        showTheRecords();
        browser.screenshot("11-h5-records-and-exports-en");
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertThat(noSidewaysScrolling()).as("no sideways scrolling on a phone").isTrue();
        showTheRecords();
        browser.screenshot("12-h5-records-phone-en");
        browser.resize(HeadlessChromium.LAPTOP);

        // The broadcast ends from the page, as the API then says.
        browser.evaluate("document.getElementById('end-stream').scrollIntoView();");
        browser.click("#end-stream");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "Ended".equals(browser.text("stream-state")));
        assertThat(stream(streamId).getString("state")).isEqualTo("ENDED");

        // A member's links: an ENTERPRISE link for alice, looked up from the directory.
        String enterprise = enterpriseStreamWithLinkFor("alice");
        browser.open(console + "#/directory");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                browser.shows(
                                        "#member-table tr[data-member-id=alice] a.member-links"));
        browser.click("#member-table tr[data-member-id=alice] a.member-links");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#member-links-table"));
        JsonPath alices = memberLinks("alice");
        assertThat(pageLinkIds("#member-links-table tbody tr"))
                .isEqualTo(alices.getList("linkId"))
                .hasSize(1);
        assertThat(alices.getString("[0].streamId")).isEqualTo(enterprise);
        assertThat(browser.textOf("#member-links-table tbody tr td:nth-child(2)"))
                .isEqualTo("wecom");
        browser.screenshot("13-member-links-en");
        browser.evaluate("window.confirm = () => true;");
        browser.click("#member-links-table .revoke-link");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#member-links-table tr.revoked .revoked-mark"));
        assertThat(memberLinks("alice").getString("[0].revokedAt")).isNotNull();
        // Looked up by id in the field, in Chinese, at a phone's width.
        browser.fill("#language", "zh-CN");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "成员链接".equals(browser.text("nav-member-links")));
        browser.open(console + "#/member-links");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("input[name=linksMemberId]"));
        browser.fill("input[name=linksMemberId]", "alice");
        browser.click("#look-up-member-links");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.shows("#member-links-table tr.revoked"));
        assertThat(browser.textOf("#member-links-table .revoked-mark")).startsWith("已于");
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(500);
        assertThat(noSidewaysScrolling()).as("no sideways scrolling on a phone").isTrue();
        browser.screenshot("14-member-links-phone-zh-CN");
        assertThat(browser.browserErrors()).as("console errors and failed requests").isEmpty();
    }

    @Test
    void aTenantAdminApprovesAMembersPublicStreamFromItsPage() throws Exception {
        // The demo tenant lets every member broadcast; link-service hears of it from the event.
        given().auth()
                .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                .contentType("application/json")
                .body("{\"broadcastPolicy\":\"ALL_MEMBERS\"}")
                .put(services.baseUrl(LiveLinkService.PERMISSION) + "/tenants/demo/settings")
                .then()
                .statusCode(200);
        String alice = TestTokens.member(DemoTenant.ID, "alice");
        String streamId =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        given().auth()
                                                .oauth2(alice)
                                                .contentType("application/json")
                                                .body(
                                                        "{\"type\":\"H5\",\"title\":\"Alice's"
                                                                + " open day\",\"watchScope\":"
                                                                + "\"EVERYONE\"}")
                                                .post(link + "/streams")
                                                .then()
                                                .extract(),
                                created -> created.statusCode() == 201)
                        .path("id");
        assertThat(stream(streamId).getBoolean("approved")).isFalse();

        browser = HeadlessChromium.open("en-US,en", null, HeadlessChromium.LAPTOP, SCREENSHOTS);
        ConsoleFixture.signIn(browser, services, "tenant-admin", DemoTenant.ID, null);
        browser.open(console + "#/streams/" + streamId);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#approve-stream"));
        browser.screenshot("18-awaiting-approval-en");
        browser.click("#approve-stream");
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.shows("#approve-stream"));
        assertThat(stream(streamId).getBoolean("approved")).isTrue();
        browser.screenshot("19-approved-en");
        assertThat(browser.browserErrors())
                .allMatch(error -> error.contains("/api/analytics/streams/" + streamId))
                .allMatch(error -> error.contains("404"));
    }

    @Test
    void anOperatorSignsInWithTheOidcIssuerByAuthorizationCodeWithPkce() throws Exception {
        browser = HeadlessChromium.open("en-US,en", null, HeadlessChromium.LAPTOP, SCREENSHOTS);
        browser.open(console);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.shows("#sign-in-oidc"));
        String issuerHost = oidcIssuer.url().replace("http://", "");
        assertThat(browser.text("sign-in-oidc")).isEqualTo("Sign in with " + issuerHost);
        browser.screenshot("15-sign-in-oidc-en");

        // To the issuer's authorization endpoint and back with a code, which the page redeems.
        browser.click("#sign-in-oidc");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.shows("#new-stream"));
        assertThat(browser.text("signed-in-as")).contains("admin-of-" + DemoTenant.ID);

        assertThat(oidcIssuer.authorizations()).hasSize(1);
        Map<String, String> asked = oidcIssuer.authorizations().get(0);
        assertThat(asked)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", SmallOidcIssuer.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid profile")
                .containsEntry("redirect_uri", console);
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(oidcIssuer.exchanges())
                .as("one code redeemed, with the verifier of its challenge")
                .containsExactly(
                        new SmallOidcIssuer.Exchange(
                                SmallOidcIssuer.CLIENT_ID, console, true, true));
        // The code leaves the address bar; the token is the tab's, as the dev sign-in keeps it.
        assertThat((String) browser.evaluate("return location.href;"))
                .doesNotContain("code=")
                .endsWith("#/streams");
        String kept =
                (String)
                        browser.evaluate(
                                "return sessionStorage.getItem('livelink.console.session');");
        assertThat(kept).isNotBlank();
        // The services accept it: the streams screen read the tenant's streams with it.
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#new-stream"));
        given().auth().oauth2(kept).get(link + "/streams").then().statusCode(200);
        browser.screenshot("16-signed-in-with-oidc-en");

        // Signed out, a second sign-in runs a fresh challenge; an answer the tab never asked for
        // (another state) is refused on the page, not signed in.
        browser.click("#sign-out");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#sign-in-oidc"));
        browser.open(console + "?code=forged&state=not-mine");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.shows("#oidc-problem"));
        assertThat(browser.shows("#new-stream")).isFalse();
        assertThat(oidcIssuer.exchanges()).as("a forged answer is not redeemed").hasSize(1);
        browser.fill("#language", "zh-CN");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ("使用 " + issuerHost + " 登录").equals(browser.text("sign-in-oidc")));
        browser.resize(HeadlessChromium.PHONE);
        Thread.sleep(300);
        assertThat(noSidewaysScrolling()).isTrue();
        browser.screenshot("17-sign-in-oidc-refused-phone-zh-CN");
        assertThat(browser.browserErrors()).as("console errors and failed requests").isEmpty();
    }

    private String enterpriseStreamWithLinkFor(String member) {
        String admin = TestTokens.tenantAdmin(DemoTenant.ID);
        String streamId =
                given().auth()
                        .oauth2(admin)
                        .contentType("application/json")
                        .body(Map.of("type", "ENTERPRISE", "title", "All hands"))
                        .post(link + "/streams")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("channel", "wecom", "memberId", member))
                .post(link + "/streams/" + streamId + "/links")
                .then()
                .statusCode(201);
        return streamId;
    }

    private static JsonPath memberLinks(String member) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                .get(link + "/members/" + member + "/links")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath streamLinks(String streamId) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                .get(link + "/streams/" + streamId + "/links")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @SuppressWarnings("unchecked")
    private List<String> pageLinkIds(String rows) {
        return (List<String>)
                browser.evaluate(
                        "return [...document.querySelectorAll(arguments[0])]"
                                + ".map(row => row.dataset.linkId);",
                        rows);
    }

    private boolean noSidewaysScrolling() {
        return (Boolean)
                browser.evaluate(
                        "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    }

    /**
     * The page's behaviour records (session, viewer, seconds watched) are analytics-service's for
     * the hour the page shows; the page is refreshed until the expected sessions arrived.
     */
    private void assertThatTheRecordsAreTheApis(String streamId, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            browser.click("#refresh-records");
                            Thread.sleep(300);
                            String from =
                                    (String)
                                            browser.evaluate(
                                                    "return document.getElementById("
                                                            + "'viewer-records').dataset.from;");
                            String to =
                                    (String)
                                            browser.evaluate(
                                                    "return document.getElementById("
                                                            + "'viewer-records').dataset.to;");
                            List<Map<String, Object>> api =
                                    given().auth()
                                            .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                                            .queryParam("from", from)
                                            .queryParam("to", to)
                                            .queryParam("size", 20)
                                            .get(analytics + "/streams/" + streamId + "/viewers")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath()
                                            .getList("$");
                            List<String> expectedRows =
                                    api.stream()
                                            .map(
                                                    r ->
                                                            r.get("sessionId")
                                                                    + " "
                                                                    + r.get("viewerId")
                                                                    + " "
                                                                    + r.get("channel")
                                                                    + " "
                                                                    + r.get("secondsWatched"))
                                            .toList();
                            @SuppressWarnings("unchecked")
                            List<String> shown =
                                    (List<String>)
                                            browser.evaluate(
                                                    "return [...document.querySelectorAll("
                                                            + "'#records-table tbody tr')]"
                                                            + ".map(row => row.dataset.sessionId"
                                                            + " + ' ' + row.cells[0].textContent.trim()"
                                                            + " + ' ' + row.cells[1].textContent.trim()"
                                                            + " + ' ' + row.cells[6].textContent.trim());");
                            assertThat(shown).hasSize(expected).isEqualTo(expectedRows);
                        });
    }

    /**
     * Clicks the export button of {@code report} as {@code format} and answers the file the browser
     * saved, under the name the page says the server gave it.
     */
    private Path exportFromThePage(String report, String format) {
        String key = report + "-" + format;
        browser.click("#export-" + key);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                key.equals(
                                        browser.evaluate(
                                                "const s = document.getElementById("
                                                        + "'export-status');"
                                                        + " return s ? s.dataset.export : null;")));
        String name =
                (String)
                        browser.evaluate(
                                "return document.getElementById('export-status')"
                                        + ".dataset.fileName;");
        Path file = DOWNLOADS.resolve(name);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                Files.isRegularFile(file)
                                        && Files.size(file) > 0
                                        && !Files.exists(DOWNLOADS.resolve(name + ".crdownload")));
        return file;
    }

    private void showTheRecords() {
        browser.evaluate("document.getElementById('viewer-records').scrollIntoView();");
    }

    private String issueLink(String channel, String utmSource) {
        int before =
                ((Number)
                                browser.evaluate(
                                        "return document.querySelectorAll('li[data-link-id]').length;"))
                        .intValue();
        browser.fill("input[name=channel]", channel);
        browser.fill("input[name=utmSource]", utmSource == null ? "" : utmSource);
        browser.click("#issue-link");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                ((Number)
                                                        browser.evaluate(
                                                                "return document.querySelectorAll('li[data-link-id]').length;"))
                                                .intValue()
                                        > before);
        return (String) browser.evaluate("return document.querySelector('.link-url').value;");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> viewsPerChannelOnPage() {
        return (Map<String, String>)
                browser.evaluate(
                        "const views = {};"
                                + " document.querySelectorAll('#minutes-table .minute-channel')"
                                + ".forEach(row => views[row.cells[1].textContent.trim()] ="
                                + " row.cells[2].textContent.trim());"
                                + " return views;");
    }

    private static void openAsViewer(String shortLink, String viewer) {
        given().header("Accept", "application/json")
                .header("X-LiveLink-Viewer", viewer)
                .get(shortLink)
                .then()
                .statusCode(200);
    }

    private static List<Map<String, Object>> minutes(String streamId) {
        Instant now = Instant.now();
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                .queryParam("from", now.minusSeconds(3600).toString())
                .queryParam("to", now.plusSeconds(60).toString())
                .get(analytics + "/streams/" + streamId + "/minutes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private void showTheDashboard() {
        browser.evaluate("document.getElementById('dashboard').scrollIntoView();");
    }

    private String streamIdOnPage() {
        return (String)
                browser.evaluate("return document.querySelector('.stream-page').dataset.streamId;");
    }

    private static String feedState() {
        return "const d = document.getElementById('dashboard'); return d ? d.dataset.feed : null;";
    }

    private long chartPoints() {
        Object points =
                browser.evaluate(
                        "const chart = echarts.getInstanceByDom("
                                + "document.getElementById('seconds-chart'));"
                                + " return chart.getOption().series[0].data.length;");
        return ((Number) points).longValue();
    }

    /** The page's concurrent viewers are those of the newest second analytics has closed. */
    private void assertThatThePageShowsTheNewestSecondOfTheApi(String streamId) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> {
                            String shown =
                                    (String)
                                            browser.evaluate(
                                                    "return document.getElementById("
                                                            + "'latest-second').dataset.second;");
                            List<Map<String, Object>> seconds = seconds(streamId);
                            Map<String, Object> newest = seconds.get(seconds.size() - 1);
                            assertThat(Instant.parse(shown))
                                    .isEqualTo(Instant.parse((String) newest.get("second")));
                            assertThat(browser.text("figure-concurrent"))
                                    .isEqualTo(String.valueOf(newest.get("concurrentViewers")));
                            long joins =
                                    seconds.stream()
                                            .mapToLong(s -> ((Number) s.get("joins")).longValue())
                                            .sum();
                            assertThat(browser.text("figure-joins"))
                                    .isEqualTo(String.valueOf(joins));
                        });
    }

    private static List<Map<String, Object>> seconds(String streamId) {
        Instant now = Instant.now();
        return new ArrayList<>(
                given().auth()
                        .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                        .queryParam("from", now.minusSeconds(300).toString())
                        .queryParam("to", now.plusSeconds(5).toString())
                        .queryParam("size", 1000)
                        .get(analytics + "/streams/" + streamId + "/seconds")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$"));
    }

    private static JsonPath stream(String streamId) {
        return given().auth()
                .oauth2(TestTokens.tenantAdmin(DemoTenant.ID))
                .get(link + "/streams/" + streamId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath openInWeChat(String code, String openId) {
        return given().header("User-Agent", INSIDE_WECHAT_MINI_PROGRAM)
                .header("X-WeChat-OpenId", openId)
                .get(link + "/mp/" + code)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
