package dev.switchboard;

import dev.switchboard.core.config.ConflictingSettingsException;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.rooms.service.ConnectionSlots;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How many rooms connections may be open at once. Every rooms connection is an upgraded connection of
 * one of the HTTP listeners, so their own caps bound it too: a rooms limit above their sum could never
 * be reached and would only mislead, so it is refused at startup, and an unset (0) limit is that sum.
 * It sits above both protocol packages because it is the one setting that joins them; rooms itself only
 * knows HTTP through its upgrade SPI.
 */
@Configuration(proxyBeanMethods = false)
class RoomsConnectionLimit {

    static final String ROOMS_KEY = "switchboard.rooms.max-connections";
    static final String HTTP_KEY = "switchboard.http.listeners.http.max-connections";
    static final String HTTP_LEGACY_KEY = "switchboard.http.listeners.http-legacy.max-connections";

    /** The rooms connection slots, sized by {@link #resolve}. */
    @Bean
    ConnectionSlots roomsConnectionSlots(RoomsProperties rooms, HttpProperties http) {
        return new ConnectionSlots(resolve(rooms, http));
    }

    /** The effective limit; {@link ConflictingSettingsException} when the rooms limit exceeds the HTTP listeners'. */
    static int resolve(RoomsProperties rooms, HttpProperties http) {
        int httpMax = http.listeners().http().maxConnections();
        int legacyMax = http.listeners().httpLegacy().maxConnections();
        int admitted = (int) Math.min(Integer.MAX_VALUE, (long) httpMax + legacyMax);
        if (rooms.maxConnections() == 0) {
            return admitted;
        }
        if (rooms.maxConnections() > admitted) {
            throw new ConflictingSettingsException(ROOMS_KEY + "=" + rooms.maxConnections()
                    + " is more than the HTTP listeners admit together (" + HTTP_KEY + "=" + httpMax + " + "
                    + HTTP_LEGACY_KEY + "=" + legacyMax + " = " + admitted + ")",
                    "Set " + ROOMS_KEY + " to at most " + admitted + " (0 follows the HTTP listeners), "
                            + "or raise the HTTP listeners' max-connections.");
        }
        return rooms.maxConnections();
    }
}
