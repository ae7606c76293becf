package io.livelink.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (one source package, so they
 * always match). Nothing is downloaded: both paths are given, so Selenium Manager is not asked.
 * .ci/run installs chromium and chromium-driver when the machine lacks them.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /**
     * A phone-sized window whose browser prefers {@code languages} (e.g. "zh-CN,zh"); {@code
     * userAgent} null keeps chromium's own.
     */
    static HeadlessChromium open(String languages, String userAgent, Path screenshots) {
        for (Path executable : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError(
                        executable
                                + " is missing (Debian: apt-get install chromium chromium-driver);"
                                + " .ci/run installs it");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "--headless=new",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--no-first-run",
                                "--autoplay-policy=no-user-gesture-required",
                                "--window-size=412,915",
                                "--lang=" + languages.split(",")[0]));
        if (userAgent != null) {
            arguments.add("--user-agent=" + userAgent);
        }
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} (a function body: use return) in the page. */
    Object evaluate(String script) {
        return driver.executeScript(script);
    }

    String bodyData(String name) {
        Object value = evaluate("return document.body.dataset['" + name + "'] || null;");
        return value == null ? null : value.toString();
    }

    String text(String elementId) {
        Object value =
                evaluate(
                        "const e = document.getElementById('"
                                + elementId
                                + "'); return e ? e.textContent : null;");
        return value == null ? null : value.toString();
    }

    double videoTime() {
        Object value = evaluate("return document.getElementById('video').currentTime;");
        return ((Number) value).doubleValue();
    }

    /** Saves what the page shows, to look at after the run. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(screenshots);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
