package io.livelink.platform;

import io.livelink.testsupport.LocalJwtIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Prepares the demo tenant of the local run through permission-service's own API, as a platform
 * admin would: tenant {@code demo}, verified for H5 and MINI_PROGRAM, with member {@code alice}.
 * Running it again changes nothing.
 */
final class DemoTenant {

    static final String ID = UpCommand.DEMO_TENANT;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String permissionService;
    private final String platformAdmin;
    private final String tenantAdmin;

    DemoTenant(String permissionService, LocalJwtIssuer issuer) {
        this.permissionService = permissionService;
        this.platformAdmin =
                issuer.mint("platform-admin", null, "platform-admin", Duration.ofMinutes(5));
        this.tenantAdmin = issuer.mint("tenant-admin", ID, "admin-of-" + ID, Duration.ofMinutes(5));
    }

    void seed() {
        post(
                platformAdmin,
                "/tenants",
                "{\"id\":\"" + ID + "\",\"name\":\"Demo Enterprise\"}",
                Set.of(201, 409));
        // Also when the tenant existed: announces its settings again, so every read model has them.
        send(
                "PUT",
                tenantAdmin,
                "/tenants/" + ID + "/settings",
                "{\"liveServiceEnabled\":true}",
                Set.of(200));
        for (String type : new String[] {"H5", "MINI_PROGRAM"}) {
            post(
                    tenantAdmin,
                    "/tenants/" + ID + "/qualifications/" + type,
                    "{\"evidence\":\"demo tenant\"}",
                    Set.of(200, 409));
            post(
                    platformAdmin,
                    "/tenants/" + ID + "/qualifications/" + type + "/verify",
                    "{}",
                    Set.of(200));
        }
        post(
                tenantAdmin,
                "/tenants/" + ID + "/members",
                "{\"id\":\"alice\",\"account\":\"alice@demo.example\",\"displayName\":\"Alice\",\"phone\":\"13800001111\"}",
                Set.of(201, 409));
    }

    private void post(String token, String path, String json, Set<Integer> accepted) {
        send("POST", token, path, json, accepted);
    }

    private void send(
            String method, String token, String path, String json, Set<Integer> accepted) {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(permissionService + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (!accepted.contains(response.statusCode())) {
                throw new PlatformException(
                        "preparing the demo tenant failed: "
                                + method
                                + " "
                                + path
                                + " answered "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
        } catch (IOException e) {
            throw new PlatformException("preparing the demo tenant failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while preparing the demo tenant");
        }
    }
}
