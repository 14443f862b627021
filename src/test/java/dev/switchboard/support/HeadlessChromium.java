package dev.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) for the chat page tests: one profile
 * directory per browser, the driver binary given explicitly so Selenium Manager never downloads one.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    /** Browsers whose profiles live under {@code profiles} (a test's temporary directory). */
    public HeadlessChromium(Path profiles) {
        this.profiles = profiles;
    }

    /** Whether Chromium is installed where the tests expect it. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM);
    }

    /** A laptop-sized browser, or with {@code phone} a 390×844 viewport (headless windows cannot be that narrow). */
    public WebDriver browser(String name, boolean phone) throws IOException {
        return browser(name, phone, 1280, 800);
    }

    /** A desktop browser with a {@code width}×{@code height} window. */
    public WebDriver browser(String name, int width, int height) throws IOException {
        return browser(name, false, width, height);
    }

    private WebDriver browser(String name, boolean phone, int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createDirectory(profiles.resolve(name)).toAbsolutePath());
        if (phone) {
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }
}
