package dev.switchboard.sea.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an operator set at run time and must survive a restart: the active bans, the blacklist
 * patterns and the run-time settings (§15 M2–M7, M13). Plain values only, so any store can keep it.
 *
 * @param bans      the active bans, newest first (the ban list's order)
 * @param blacklist the patterns in the order they were added
 * @param settings  the run-time settings
 */
public record SeaOperatorState(List<Ban> bans, List<String> blacklist, Settings settings) {

    /**
     * One ban.
     *
     * @param block           the block as text ({@code 10.0.0.0/8}, {@code 10.0.0.9})
     * @param expiresAtMillis when it ends (epoch milliseconds); null for a permanent ban
     */
    public record Ban(String block, Long expiresAtMillis) {
    }

    /**
     * The settings {@code POST /actuator/sea} and the ban default timeout change.
     *
     * @param banTimeoutSeconds the default ban timeout
     */
    public record Settings(boolean strict, String archiveUrl, int floodThreshold, int defaultMaxPenaltySeconds,
                           long banTimeoutSeconds) {
    }

    public SeaOperatorState {
        bans = List.copyOf(Objects.requireNonNull(bans, "bans"));
        blacklist = List.copyOf(Objects.requireNonNull(blacklist, "blacklist"));
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads the state from a service. Safe from any thread (the ban list and blacklist hand out
     * snapshots, the settings are volatile); expired bans are left out.
     */
    public static SeaOperatorState capture(SeaService service, Instant now) {
        List<Ban> bans = service.bans().list().stream().filter(b -> b.isActiveAt(now))
                .map(b -> new Ban(b.text(), b.isPermanent() ? null : b.expiresAt().toEpochMilli())).toList();
        SeaSettings s = service.settings();
        return new SeaOperatorState(bans, service.blacklist().list(), new Settings(s.strict(), s.archiveUrlText(),
                s.floodPolicy().floodThreshold(), s.defaultMaxPenaltySeconds(),
                service.bans().defaultTimeout().getSeconds()));
    }

    /**
     * Applies the state to a service; runs on the roster thread. With {@code replace} the service ends
     * up holding exactly this state (another node changed it); without, bans and patterns are added to
     * those the service already has (the configured ones at startup). Settings are always taken.
     * Entries that are invalid or already expired are skipped and returned as messages.
     *
     * @return one message per skipped entry
     */
    public List<String> applyTo(SeaService service, Instant now, boolean replace) {
        List<String> skipped = new ArrayList<>();
        BanList list = service.bans();
        Set<Ipv4Cidr> kept = new HashSet<>();
        // oldest first, so the ban list's newest-first order comes out as it was saved
        for (int i = bans.size() - 1; i >= 0; i--) {
            Ban ban = bans.get(i);
            try {
                Ipv4Cidr block = Ipv4Cidr.parse(ban.block());
                if (ban.expiresAtMillis() == null) {
                    list.addPermanent(block, now);
                } else {
                    Instant expiry = Instant.ofEpochMilli(ban.expiresAtMillis());
                    if (!now.isBefore(expiry)) {
                        continue;
                    }
                    list.add(block, Duration.between(now, expiry), now);
                }
                kept.add(block);
            } catch (IllegalArgumentException e) {
                skipped.add("ban " + ban.block() + ": " + e.getMessage());
            }
        }
        if (replace) {
            list.list().stream().map(BanEntry::block).filter(b -> !kept.contains(b)).forEach(list::remove);
        }
        NameBlacklist names = service.blacklist();
        for (String pattern : blacklist) {
            try {
                names.add(pattern);
            } catch (IllegalArgumentException e) {
                skipped.add("blacklist pattern " + pattern + ": " + e.getMessage());
            }
        }
        if (replace) {
            names.list().stream().filter(p -> !blacklist.contains(p)).forEach(names::remove);
        }
        SeaSettings s = service.settings();
        try {
            s.archiveUrl(settings.archiveUrl());
        } catch (IllegalArgumentException | NullPointerException e) {
            skipped.add("archive URL: " + e.getMessage());
        }
        s.strict(settings.strict());
        s.floodPolicy(new FloodPolicy(settings.floodThreshold()));
        service.defaultMaxPenaltySeconds(settings.defaultMaxPenaltySeconds());
        if (settings.banTimeoutSeconds() > 0) {
            list.setDefaultTimeout(Duration.ofSeconds(settings.banTimeoutSeconds()));
        }
        return List.copyOf(skipped);
    }
}
