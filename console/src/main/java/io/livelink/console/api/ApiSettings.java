package io.livelink.console.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** Where the console forwards the browser's API calls: the three services' base URLs. */
@ConfigMapping(prefix = "livelink.console.api")
public interface ApiSettings {

    /** link-service, reached under {@code /api/link/…}. */
    @WithDefault("http://127.0.0.1:8081")
    URI linkUrl();

    /** permission-service, reached under {@code /api/permission/…}. */
    @WithDefault("http://127.0.0.1:8082")
    URI permissionUrl();

    /** analytics-service, reached under {@code /api/analytics/…}. */
    @WithDefault("http://127.0.0.1:8083")
    URI analyticsUrl();
}
