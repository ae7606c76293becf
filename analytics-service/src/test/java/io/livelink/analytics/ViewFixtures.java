package io.livelink.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import io.livelink.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;

/**
 * View events as MINI_PROGRAM and H5 players send them, and waiting until the service counted them.
 */
public final class ViewFixtures {

    private ViewFixtures() {}

    /** A MINI_PROGRAM view event of an OpenID viewer over WeChat. */
    public static ViewEvent miniProgram(
            String tenant,
            String streamId,
            ViewKind kind,
            String viewer,
            String session,
            Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.MINI_PROGRAM,
                "link-1",
                viewer,
                ViewerIdKind.OPENID,
                session,
                kind,
                Playback.LIVE,
                Device.MOBILE,
                "wechat",
                null,
                null,
                null,
                at);
    }

    /** An H5 view event of a cloud-UID viewer on the web, come through Weibo. */
    public static ViewEvent h5(
            String tenant,
            String streamId,
            ViewKind kind,
            String viewer,
            String session,
            Instant at) {
        return new ViewEvent(
                streamId,
                tenant,
                StreamType.H5,
                "link-1",
                viewer,
                ViewerIdKind.CLOUD_UID,
                session,
                kind,
                Playback.LIVE,
                Device.PC,
                "web",
                "weibo",
                null,
                null,
                at);
    }

    /** Waits until the stream's totals show this many joins (and so the events before them). */
    public static void awaitJoins(String tenant, String streamId, int joins) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(TestTokens.tenantAdmin(tenant))
                                        .get("/streams/" + streamId + "/views")
                                        .then()
                                        .statusCode(200)
                                        .body("views", is(joins)));
    }
}
