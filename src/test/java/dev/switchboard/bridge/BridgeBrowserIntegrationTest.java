package dev.switchboard.bridge;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.HeadlessChromium;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The bundled chat page in real headless Chromium, in the bridged room while a SEA client talks: the SEA user is
 * listed with its badge, and messages cross both ways with Cyrillic text.
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.bridge.enabled=true",
        "switchboard.bridge.room=lobby"})
@Timeout(180)
class BridgeBrowserIntegrationTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Environment environment;

    @TempDir
    Path profiles;

    private HeadlessChromium chromium;
    private SeaTestClient alice;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.CHROMIUM);
    }

    @BeforeEach
    void openChromium() {
        chromium = new HeadlessChromium(profiles);
    }

    @AfterEach
    void closeAll() throws IOException {
        chromium.close();
        if (alice != null) {
            alice.close();
        }
    }

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    private static WebElement visible(WebDriver driver, String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void waitForText(WebDriver driver, String id, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    @Test
    void chatPage_inTheBridgedRoom_showsTheSeaUserWithItsBadge_andTalksWithIt() throws IOException {
        alice = SeaTestClient.connect(port("sea"), "127.0.6.1");
        alice.login("alice", "PC");
        alice.setVersion(102);

        WebDriver bob = chromium.browser("bob", false);
        bob.get("http://127.0.0.1:" + port("http") + "/");
        visible(bob, "nick").sendKeys("bob");
        bob.findElement(By.id("nick-go")).click();
        visible(bob, "room").sendKeys("lobby");
        bob.findElement(By.id("room-go")).click();
        visible(bob, "text");
        waitForText(bob, "members", "alice");
        assertThat(bob.findElement(By.cssSelector("#members .badge-sea")).getText()).isEqualTo("SEA");
        assertThat(bob.findElements(By.cssSelector("#members .badge-sea"))).hasSize(1);

        // alice learns of bob: ADDUSER with the web computer name.
        byte[] head = alice.read(3);
        assertThat(head[0]).isEqualTo((byte) 2);
        alice.expect(concat(bytes("03"), "bob".getBytes(CP1251), bytes("03"), "web".getBytes(CP1251)));
        int bobId = ((head[1] & 0xFF) << 8) | (head[2] & 0xFF);

        byte[] text = "Привет из SEA".getBytes(CP1251);
        alice.sendFrame(2, concat(bytes("00 00 00 00 00"), new byte[] {(byte) text.length}, text));
        waitForText(bob, "messages", "Привет из SEA");

        WebElement input = bob.findElement(By.id("text"));
        input.sendKeys("здравствуй, alice");
        bob.findElement(By.id("send")).click();
        // alice's own group message comes back first, then bob's.
        alice.expect(concat(bytes(String.format("04 %02x %02x 00 00 00 00 %02x", alice.id() >> 8, alice.id() & 0xFF,
                text.length)), text, bytes("00")));
        byte[] reply = "здравствуй, alice".getBytes(CP1251);
        alice.expect(concat(bytes(String.format("04 %02x %02x 00 00 00 00 %02x", bobId >> 8, bobId & 0xFF,
                reply.length)), reply, bytes("00")));
    }
}
