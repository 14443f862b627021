package dev.switchboard.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The bundled chat page in real headless Chromium (Debian {@code chromium} + {@code chromium-driver}): two
 * browsers join one room and exchange messages over the page's own WebSocket. Skipped only when
 * {@code /usr/bin/chromium} is absent. Screenshots at laptop and phone widths go to
 * {@code target/rooms-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0"})
@Timeout(180)
class RoomsBrowserIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "rooms-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Environment environment;

    @TempDir
    Path profiles;

    private HeadlessChromium chromium;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.CHROMIUM);
    }

    @BeforeEach
    void openChromium() {
        chromium = new HeadlessChromium(profiles);
    }

    @AfterEach
    void quitBrowsers() {
        chromium.close();
    }

    private WebDriver browser(String name, boolean phone) throws IOException {
        return chromium.browser(name, phone);
    }

    private String pageUrl() {
        return "http://127.0.0.1:" + environment.getRequiredProperty("local.switchboard.http.port") + "/";
    }

    private static WebElement visible(WebDriver driver, String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void waitForText(WebDriver driver, String id, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private void enter(WebDriver driver, String nick, String room) {
        if (!driver.getCurrentUrl().startsWith(pageUrl())) {
            driver.get(pageUrl());
        }
        visible(driver, "nick").sendKeys(nick);
        driver.findElement(By.id("nick-go")).click();
        visible(driver, "room").sendKeys(room);
        driver.findElement(By.id("room-go")).click();
        visible(driver, "text");
        waitForText(driver, "members", nick);
    }

    private static void say(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.id("text"));
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    @Test
    void twoBrowsers_whenJoiningOneRoom_thenSeeEachOtherAndExchangeMessages() throws IOException {
        WebDriver anna = browser("anna", false);
        WebDriver ben = browser("ben", true);

        enter(anna, "anna", "selenium");
        screenshot(anna, "laptop-empty-room");
        enter(ben, "ben", "selenium");

        waitForText(anna, "members", "ben");
        waitForText(anna, "messages", "ben is in the room");
        waitForText(ben, "members", "anna");

        say(anna, "hello from anna");
        waitForText(ben, "messages", "hello from anna");
        waitForText(anna, "messages", "hello from anna");
        say(ben, "hi anna, ben here");
        waitForText(anna, "messages", "hi anna, ben here");

        assertThat(anna.findElement(By.id("messages")).getText()).contains("anna hello from anna")
                .contains("ben hi anna, ben here");
        assertThat(ben.findElement(By.id("member-count")).getText()).isEqualTo("2");

        screenshot(anna, "laptop-chat");
        screenshot(ben, "phone-chat");

        // A third visitor sees the history on join, then the others see ben leave.
        WebDriver cleo = browser("cleo", true);
        cleo.get(pageUrl());
        visible(cleo, "nick");
        screenshot(cleo, "phone-login");
        enter(cleo, "cleo", "selenium");
        waitForText(cleo, "messages", "anna: hello from anna");
        screenshot(cleo, "phone-history");
        ben.findElement(By.id("leave")).click();
        waitForText(anna, "messages", "ben left the room");
        visible(ben, "room");
        screenshot(ben, "phone-lobby");
        screenshot(anna, "laptop-after-leave");
    }
}
