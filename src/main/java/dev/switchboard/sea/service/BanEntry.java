package dev.switchboard.sea.service;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the SEA ban list (spec §12.1): an address block and when the ban ends.
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param block the banned address or block
 * @param expiresAt the first instant at which the ban no longer applies; {@code null} for a permanent ban
 *     (the reference uses an expiry in 2038 for its startup list)
 */
public record BanEntry(Ipv4Cidr block, Instant expiresAt) {

    /**
     * Checks the block.
     *
     * @throws IllegalArgumentException if the block is null
     */
    public BanEntry {
        if (block == null) {
            throw new IllegalArgumentException("ban entry needs an address block");
        }
    }

    /**
     * Whether the ban never expires.
     *
     * @return true for a permanent ban
     */
    public boolean isPermanent() {
        return expiresAt == null;
    }

    /**
     * Whether the ban applies at {@code now} ({@code now < expiry}, §12.1).
     *
     * @param now the server clock
     * @return true while active
     */
    public boolean isActiveAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /**
     * Whether this entry bans the address at {@code now}.
     *
     * @param address the client's address
     * @param now the server clock
     * @return true when active and the address is in the block
     */
    public boolean bans(InetAddress address, Instant now) {
        return isActiveAt(now) && block.contains(address);
    }

    /**
     * The text shown in dumps ({@code txtaddr=} of §13.7): the canonical block text.
     *
     * @return e.g. {@code 172.16.0.0/12} or {@code 10.0.0.9}
     */
    public String text() {
        return block.toString();
    }
}
