package dev.switchboard.sea.handler;

/**
 * Frame-size caps and the slow-consumer limit, in bytes.
 *
 * @param loginFrame             before login (F18)
 * @param frame                  after login, version 102 or later (§2.4)
 * @param legacyFrame            after login, below version 102 (F18)
 * @param slowConsumerMaxPending queued output that gets a recipient killed (F17)
 */
public record SeaLimits(int loginFrame, int frame, int legacyFrame, long slowConsumerMaxPending) {
}
