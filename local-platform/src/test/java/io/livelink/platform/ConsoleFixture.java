package io.livelink.platform;

import static org.awaitility.Awaitility.await;

import io.livelink.testsupport.LocalLinkKeys;
import io.livelink.testsupport.RealInfrastructure;
import io.livelink.testsupport.TestTokens;
import io.livelink.testsupport.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What every console browser test starts from: the whole platform (the three services and the
 * console) on free ports against the shared real broker and database, the demo tenant seeded, and a
 * development sign-in through the page.
 */
final class ConsoleFixture {

    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private ConsoleFixture() {}

    static RunningServices startThePlatformWithTheDemoTenant() throws IOException {
        return startThePlatformWithTheDemoTenant(Map.of());
    }

    /** As above, with more settings (the console's take {@code LIVELINK_CONSOLE_*} ones). */
    static RunningServices startThePlatformWithTheDemoTenant(Map<String, String> settings)
            throws IOException {
        Map<LiveLinkService, Integer> ports = new EnumMap<>(LiveLinkService.class);
        for (LiveLinkService service : LiveLinkService.values()) {
            ports.put(service, RunningServices.freePort());
        }
        RunningServices services =
                RunningServices.start(
                        Path.of("").toAbsolutePath().getParent(),
                        ports,
                        RealInfrastructure.shared(),
                        TestTokens.issuer().publicKeyPem(),
                        LocalLinkKeys.random(),
                        Files.createDirectories(Path.of("target/it-logs")),
                        settings,
                        System.out::println);
        new DemoTenant(services.baseUrl(LiveLinkService.PERMISSION), TestTokens.issuer()).seed();
        return services;
    }

    static String consoleUrl(RunningServices services) {
        return services.baseUrl(LiveLinkService.CONSOLE) + "/";
    }

    /**
     * Signs in through the development sign-in; {@code member} may be null for the role's default
     * (the tenant admin's own id). Waits for the streams screen, the first screen after sign-in.
     */
    static void signIn(
            HeadlessChromium browser,
            RunningServices services,
            String role,
            String tenant,
            String member) {
        browser.open(consoleUrl(services));
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.shows("#sign-in-submit"));
        browser.fill("select[name=role]", role);
        if (tenant != null) {
            browser.fill("input[name=tenant]", tenant);
        }
        if (member != null) {
            browser.fill("input[name=member]", member);
        }
        browser.click("#sign-in-submit");
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.shows("#sign-in-submit"));
    }
}
