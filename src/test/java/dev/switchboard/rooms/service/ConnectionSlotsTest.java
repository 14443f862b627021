package dev.switchboard.rooms.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionSlotsTest {

    @Test
    void tryAcquire_whenAllUsed_thenRefusedUntilReleased() {
        ConnectionSlots slots = new ConnectionSlots(2);
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
        slots.release();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
    }
}
