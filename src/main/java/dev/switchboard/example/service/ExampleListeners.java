package dev.switchboard.example.service;

/** Stops the example's own listeners (TCP, unix and UDP) and leaves the rest of the gateway running. */
@FunctionalInterface
public interface ExampleListeners {

    /**
     * Unbinds the example listeners without closing live connections (spec §6.4 steps 3 and 4).
     * Returns at once; the work happens off the caller's thread because unbinding blocks.
     */
    void stopAll();
}
