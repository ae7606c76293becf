package io.livelink.console.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment without the local issuer's key offers no development sign-in at all. */
@QuarkusTest
class WithoutTheLocalIssuerTest {

    @Test
    void theSignInPageIsToldThereIsNone() {
        given().get("/console/sign-in-options")
                .then()
                .statusCode(200)
                .body("devSignIn", equalTo(false))
                .body("oidc", nullValue());
    }

    @Test
    void askingForATokenAnyway404s() {
        given().contentType("application/json")
                .body(Map.of("role", "platform-admin"))
                .post("/console/dev-sign-in")
                .then()
                .statusCode(404)
                .body("reason", equalTo("dev-sign-in-off"));
    }

    @Test
    void theConsolePageAndItsPinnedLibrariesAreServed() {
        given().get("/")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("vendor/vue/dist/vue.global.prod.js"));
        given().get("/vendor/vue/dist/vue.global.prod.js").then().statusCode(200);
        given().get("/vendor/echarts/dist/echarts.min.js").then().statusCode(200);
        given().get("/i18n/zh-CN.json")
                .then()
                .statusCode(200)
                .body("'app.title'", equalTo("LiveLink 控制台"));
    }
}
