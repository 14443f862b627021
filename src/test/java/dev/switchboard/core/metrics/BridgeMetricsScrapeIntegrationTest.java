package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** With the bridge on, its meters follow the same scrape rules as every other family (labels, snake_case). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.bridge.enabled=true",
        "switchboard.bridge.room=scrape"})
@Timeout(60)
class BridgeMetricsScrapeIntegrationTest {

    @Autowired
    Environment environment;

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    @Test
    void scrape_afterMessagesCrossTheBridge_thenBridgeFamiliesFollowTheRules() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SeaTestClient sea = SeaTestClient.connect(port("sea"), "127.0.7.1")) {
            sea.login("scraper", "PC");
            WsTestClient web = WsTestClient.connect(group, port("http"), "/", false);
            try {
                assertThat(web.login("webscraper")).startsWith("RESP_OK");
                web.send(Command.SET_ROOM, "scrape");
                assertThat(web.next()).startsWith("RESP_OK");
                web.send(Command.NEW_MSG, "hello");

                ManagementClient scraper = new ManagementClient(environment, null, null);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    PrometheusText text = PrometheusText.parse(scraper.get("/actuator/prometheus").body());
                    assertThat(text.violations()).isEmpty();
                    assertThat(text.sum("switchboard_bridge_messages_total", Map.of("kind", "room_to_sea")))
                            .isGreaterThanOrEqualTo(1);
                });
            } finally {
                web.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
