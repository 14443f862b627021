package dev.switchboard.sea.service;

/**
 * What flood control says after a command has been executed in full (spec §11.2).
 */
public enum FloodDecision {

    /** {@code ahead ≤ maxPenalty}: read the next frame immediately. */
    CONTINUE,

    /**
     * {@code maxPenalty < ahead < maxPenalty × floodThreshold}: process no further frame from this session
     * for {@link FloodPolicy#THROTTLE_PAUSE} (stop reading; bytes wait in the socket).
     */
    THROTTLE,

    /**
     * {@code ahead ≥ maxPenalty × floodThreshold}: ban the session's IP ({@code /32}) for the ban timeout
     * and kill the session with reason "excessive flood".
     */
    KILL_AND_BAN
}
