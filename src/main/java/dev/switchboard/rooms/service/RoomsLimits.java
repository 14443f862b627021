package dev.switchboard.rooms.service;

/**
 * The bounds the service enforces, copied from configuration so this package stays free of Spring and Netty.
 *
 * @param nickMaxBytes         longest nick in UTF-8 bytes (spec §8: 1–32 recommended)
 * @param roomNameMaxBytes     longest room name in bytes (spec §8: 1–64)
 * @param textMaxBytes         longest chat text in bytes (spec §8: 1–200)
 * @param historyLines         history lines kept per room; 0 keeps none
 * @param historyBytes         history bytes kept per room (spec §7.5: 8 KiB)
 * @param maxRooms             rooms that may exist at once
 * @param maxMembersPerRoom    members one room may hold
 */
public record RoomsLimits(int nickMaxBytes, int roomNameMaxBytes, int textMaxBytes, int historyLines,
                          int historyBytes, int maxRooms, int maxMembersPerRoom) {

    /** The values the spec recommends (§7.5, §8), with 1 000 rooms of 1 000 members. */
    public static RoomsLimits defaults() {
        return new RoomsLimits(32, 64, 200, 50, 8 * 1024, 1_000, 1_000);
    }
}
