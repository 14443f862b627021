package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

/**
 * The console in real headless Chromium (Debian {@code chromium} + {@code chromium-driver}), with the
 * management server on its default shared port: the operator logs in with HTTP Basic, a real SEA client
 * connects and appears in the live sessions table, the operator kills it from the table and sees it go.
 * Skipped only when {@code /usr/bin/chromium} is absent. A screenshot goes to
 * {@code target/console-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.admin.username=ops",
        "switchboard.admin.password=s3cret"})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class ConsoleBrowserIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Environment environment;

    @TempDir
    Path profile;

    private HeadlessChromium chromium;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.CHROMIUM);
    }

    @AfterEach
    void quitBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private WebDriver browser() throws IOException {
        chromium = new HeadlessChromium(profile);
        return chromium.browser("operator", 1280, 1000);
    }

    private int port(String property) {
        return environment.getRequiredProperty(property, Integer.class);
    }

    private By sessionRowNamed(String name) {
        return By.xpath("//tbody[@id='sessions']/tr[td[@class='name' and text()='" + name + "']]");
    }

    @Test
    void operator_whenSeaClientConnects_thenSeesItLiveAndKillsItFromTheTable(CapturedOutput output)
            throws IOException {
        WebDriver driver = browser();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        // HTTP Basic login: Chromium takes the credentials from the URL for this top-level navigation and
        // then reuses them for the page's script, style and WebSocket handshake (same origin and realm).
        driver.get("http://ops:s3cret@127.0.0.1:" + port("local.management.port") + "/console/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#listeners tr[data-listener='sea']")));

        try (SeaTestClient carol = SeaTestClient.connect(port("local.switchboard.sea.port"))) {
            carol.login("browsercarol", "desk7");
            wait.until(ExpectedConditions.visibilityOfElementLocated(sessionRowNamed("browsercarol")));
            assertThat(textOf(wait, sessionRowNamed("browsercarol"))).contains("sea").contains("logged_in");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#protocols tr[data-protocol='sea']"), "1"));

            driver.findElement(By.id("session-search")).sendKeys("BROWSERCAROL");
            driver.findElement(By.cssSelector("#session-form button[type='submit']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-count"), "1 of"));
            screenshot(driver, "session-live");

            wait.until(d -> {
                try {
                    d.findElement(sessionRowNamed("browsercarol")).findElement(By.cssSelector("button.kill")).click();
                    return true;
                } catch (StaleElementReferenceException redrawn) {
                    return false;
                }
            });
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "kill: done"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(sessionRowNamed("browsercarol")));
            carol.expectClosed();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "action=session.kill"));
        assertThat(driver.findElement(By.id("audit")).getText()).contains("actor=ops").contains("via=console");
        assertThat(output.getOut()).containsPattern("actor=ops action=session\\.kill target=\\w+ result=ok via=console");
        screenshot(driver, "session-killed");
    }

    /** The element's text, read again if a snapshot redrew it in between. */
    private static String textOf(WebDriverWait wait, By locator) {
        return wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(locator).getText());
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }
}
