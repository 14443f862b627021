package dev.switchboard.sea.handler;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Frame-size caps and the slow-consumer limit, in bytes, and the deadline of a large frame.
 *
 * @param loginFrame             before login (F18)
 * @param frame                  after login, version 102 or later (§2.4)
 * @param legacyFrame            after login, below version 102 (F18)
 * @param slowConsumerMaxPending queued output that gets a recipient killed (F17)
 * @param largeFrameTimeout      how long a frame holding an input-budget reservation may take to arrive
 * @param webPort                the bound port of the gateway's HTTP listener, or -1 when it is not serving
 *                               (the LINK URL when none is configured)
 */
public record SeaLimits(int loginFrame, int frame, int legacyFrame, long slowConsumerMaxPending,
                        Duration largeFrameTimeout, IntSupplier webPort) {
}
