package io.livelink.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (one source package, so they
 * always match). Nothing is downloaded: both paths are given, so Selenium Manager is not asked.
 * .ci/run installs chromium and chromium-driver when the machine lacks them. Modules that use it
 * declare selenium-chrome-driver themselves (test-support has it as optional).
 */
public final class HeadlessChromium implements AutoCloseable {

    /** A phone's viewport (the player's and the console's narrow layout). */
    public static final Window PHONE = new Window(412, 915);

    /** A laptop's screen. */
    public static final Window LAPTOP = new Window(1366, 900);

    public record Window(int width, int height) {}

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
    public static HeadlessChromium open(String languages, String userAgent, Path screenshots) {
        return open(languages, userAgent, PHONE, screenshots);
    }

    /** As above, in a window of this size. */
    public static HeadlessChromium open(
            String languages, String userAgent, Window window, Path screenshots) {
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
                                "--window-size=" + window.width() + "," + window.height(),
                                "--lang=" + languages.split(",")[0]));
        if (userAgent != null) {
            arguments.add("--user-agent=" + userAgent);
        }
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        // What the page logs (errors, failed requests) is read back by browserErrors().
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Resizes the window, e.g. to see the page at a phone's width. */
    public void resize(Window window) {
        driver.manage()
                .window()
                .setSize(new org.openqa.selenium.Dimension(window.width(), window.height()));
    }

    /** Runs {@code script} (a function body: use return) in the page. */
    public Object evaluate(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    public String bodyData(String name) {
        Object value = evaluate("return document.body.dataset['" + name + "'] || null;");
        return value == null ? null : value.toString();
    }

    /** The text of the element with this id, or null when there is none. */
    public String text(String elementId) {
        Object value =
                evaluate(
                        "const e = document.getElementById(arguments[0]);"
                                + " return e ? e.textContent : null;",
                        elementId);
        return value == null ? null : value.toString();
    }

    /** The text of the first element matching {@code css}, or null when there is none. */
    public String textOf(String css) {
        Object value =
                evaluate(
                        "const e = document.querySelector(arguments[0]);"
                                + " return e ? e.textContent.trim() : null;",
                        css);
        return value == null ? null : value.toString();
    }

    /** Whether an element matches {@code css} now. */
    public boolean shows(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /** Replaces the value of the input, select or textarea matching {@code css} as a user would. */
    public void fill(String css, String value) {
        WebElement field = driver.findElement(By.cssSelector(css));
        if ("select".equals(field.getTagName())) {
            // What choosing an option does, without selenium-support's Select.
            evaluate(
                    "arguments[0].value = arguments[1];"
                            + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                    field,
                    value);
            return;
        }
        // Select all and delete, as typing would: WebElement.clear() fires no input event, so
        // a page bound to the field (Vue's v-model) would keep the old value.
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!value.isEmpty()) {
            field.sendKeys(value);
        }
    }

    public double videoTime() {
        Object value = evaluate("return document.getElementById('video').currentTime;");
        return ((Number) value).doubleValue();
    }

    /**
     * The page's console errors and failed requests since the last call (chromium reports a failed
     * fetch, a 4xx or 5xx answer included, as a SEVERE entry).
     */
    public List<String> browserErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Lets the page save what it downloads (a Blob URL's, too) into {@code directory} without
     * asking, as a user's browser saves into their downloads folder.
     */
    public void downloadInto(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> behaviour =
                Map.of(
                        "behavior",
                        "allow",
                        "downloadPath",
                        directory.toAbsolutePath().toString(),
                        "eventsEnabled",
                        false);
        try {
            driver.executeCdpCommand("Browser.setDownloadBehavior", behaviour);
        } catch (org.openqa.selenium.WebDriverException notOnThisSession) {
            // Older chromedriver sessions accept only the page-level command.
            driver.executeCdpCommand(
                    "Page.setDownloadBehavior",
                    Map.of(
                            "behavior",
                            "allow",
                            "downloadPath",
                            directory.toAbsolutePath().toString()));
        }
    }

    /** Saves what the page shows, to look at after the run. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(screenshots);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
