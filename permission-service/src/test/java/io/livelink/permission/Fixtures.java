package io.livelink.permission;

import static io.restassured.RestAssured.given;

import io.livelink.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.util.Map;

/** Sets up what most tests stand on, through the public API. */
public final class Fixtures {

    private Fixtures() {}

    /** A tenant onboarded by a platform admin, live service on, SELECTED_MEMBERS. */
    public static void tenant(String tenantId) {
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .post("/tenants")
                .then()
                .statusCode(201);
    }

    /** A member in the tenant's directory. */
    public static void member(String tenantId, String memberId) {
        given().auth()
                .oauth2(TestTokens.tenantAdmin(tenantId))
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "id",
                                memberId,
                                "account",
                                memberId + "@example.com",
                                "displayName",
                                "Member " + memberId,
                                "phone",
                                "13812345678"))
                .post("/tenants/" + tenantId + "/members")
                .then()
                .statusCode(201);
    }

    /** A fresh tenant id tests can own. */
    public static String newTenantId() {
        return "t-" + java.util.UUID.randomUUID().toString().substring(0, 13);
    }
}
