package dev.switchboard.rooms;

import dev.switchboard.rooms.service.RoomsIntake;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;

/**
 * Stops every room relaying when the gateway starts to shut down. Readiness goes down before the listeners drain
 * (and this listener runs on the thread that publishes it), so every room is sealed before any member is told
 * goodbye: a message relayed to one member was then relayed to all of them, each ahead of its close 1001. A
 * context that starts again lets the rooms relay again.
 */
public final class RoomsShutdown {

    private final RoomsIntake rooms;

    RoomsShutdown(RoomsIntake rooms) {
        this.rooms = rooms;
    }

    @EventListener
    public void readinessChanged(AvailabilityChangeEvent<ReadinessState> event) {
        switch (event.getState()) {
            case REFUSING_TRAFFIC -> rooms.sealAll();
            case ACCEPTING_TRAFFIC -> rooms.reopen();
        }
    }
}
