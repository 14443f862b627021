package dev.switchboard.sea.archiver;

/**
 * The server-wide settings line appended to debug-level dumps (GLOBALVARS, spec §13.7).
 *
 * @param debug          log level 0 (info), 1 (debug) or 2 (trace)
 * @param strict         strict mode
 * @param floodThreshold flood threshold
 * @param banTimeout     ban timeout in seconds
 * @param userCount      logged-in sessions
 * @param archSock       a positive number while an archiver connection exists, −1 otherwise
 * @param archPath       the configured archiver address text, empty when none
 */
public record GlobalVars(int debug, boolean strict, int floodThreshold, long banTimeout, int userCount,
        int archSock, String archPath) {

    public GlobalVars {
        if (debug < 0 || debug > 2) {
            throw new IllegalArgumentException("debug must be 0..2, was " + debug);
        }
        Checks.nonNegative(floodThreshold, "floodThreshold");
        Checks.nonNegative(banTimeout, "banTimeout");
        Checks.nonNegative(userCount, "userCount");
        if (archSock == 0 || archSock < -1) {
            throw new IllegalArgumentException("archSock must be positive or -1, was " + archSock);
        }
        ArchiveText.requireLatin1(archPath, "archPath");
    }
}
