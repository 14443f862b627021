package dev.switchboard.bridge;

import dev.switchboard.bridge.service.BridgeService;
import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/bridge}: the bridged room, the identities bridged each way, and the message and mapping
 * counts. Read-only: bridged identities are removed the way any user is (SEA kill, room kick), and the bridge
 * carries the removal across.
 */
@Endpoint(id = "bridge")
public class BridgeEndpoint {

    private final BridgeService bridge;
    private final BridgeProperties properties;
    private final MeterRegistry registry;

    BridgeEndpoint(BridgeService bridge, BridgeProperties properties, MeterRegistry registry) {
        this.bridge = bridge;
        this.properties = properties;
        this.registry = registry;
    }

    @ReadOperation
    public Map<String, Object> bridge() throws Exception {
        BridgeService.Snapshot snapshot = bridge.snapshot().get(5, TimeUnit.SECONDS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", true);
        out.put("room", snapshot.room());
        out.put("seaCharset", properties.seaCharset().name());
        out.put("webComputerName", properties.webComputerName());
        out.put("webMembersOnSea", snapshot.webMembersOnSea());
        out.put("seaUsersInRoom", snapshot.seaUsersInRoom());
        out.put("messages", counts(MicrometerBridgeMetrics.MESSAGES, GatewayMeters.Tags.KIND));
        out.put("mappingFailures", counts(MicrometerBridgeMetrics.MAPPING_FAILURES, GatewayMeters.Tags.KIND));
        return out;
    }

    private Map<String, Long> counts(String name, String tag) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Counter counter : registry.find(name).counters()) {
            counts.put(counter.getId().getTag(tag), (long) counter.count());
        }
        return counts;
    }
}
