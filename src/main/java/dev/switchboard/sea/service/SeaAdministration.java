package dev.switchboard.sea.service;

import dev.switchboard.sea.archiver.ArchiveRecords;
import dev.switchboard.sea.archiver.ArchiveSink;
import dev.switchboard.sea.archiver.BanDump;
import dev.switchboard.sea.archiver.GlobalVars;
import dev.switchboard.sea.archiver.UserInfoDump;
import dev.switchboard.sea.message.SeaBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SEA operations of spec §15 for the management endpoints: sessions, kill, bans, blacklist,
 * settings and the alternate-server broadcast. Every operation runs on the roster executor, so it is
 * atomic with respect to the protocol's event order (§15); callers block until it is done.
 */
public final class SeaAdministration {

    private static final Logger log = LoggerFactory.getLogger(SeaAdministration.class);
    private static final Pattern IP_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,10}");

    private final SeaService service;
    private final Executor roster;
    private final BooleanSupplier onRoster;
    private final Duration timeout;
    private final ArchiveSink archive;

    /**
     * @param archive where M12 dumps go; null when no archiver client exists
     */
    public SeaAdministration(SeaService service, Executor roster, BooleanSupplier onRoster, Duration timeout,
                             ArchiveSink archive) {
        this.service = service;
        this.roster = roster;
        this.onRoster = onRoster;
        this.timeout = timeout;
        this.archive = archive;
    }

    /** Result of a kill (§15 M1/M17). */
    public record KillResult(List<SeaSessionInfo> killed, List<BanEntry> bansAdded, boolean patternAdded) {
    }

    /**
     * Runtime settings (§15 M13).
     *
     * @param archiver      the archiver target, empty when there is no archiver client
     * @param archiverState the archiver connection state, empty when there is no archiver client
     * @param logLevel      effective level of the SEA loggers: INFO, DEBUG or TRACE
     */
    public record Settings(boolean strict, String archiveUrl, int floodThreshold, int defaultMaxPenaltySeconds,
                           Duration banTimeout, int loggedIn, String archiver, String archiverState,
                           String logLevel) {
    }

    /** A settings change; null components stay as they are. */
    public record SettingsChange(Boolean strict, String archiveUrl, Integer floodThreshold,
                                 Integer defaultMaxPenaltySeconds, Duration banTimeout) {
    }

    // ------------------------------------------------------------------ sessions (M11, M17)

    /** Every session: logged in (roster order, newest first), then those still logging in. */
    public List<SeaSessionInfo> sessions() {
        return onRosterThread(() -> {
            Instant now = service.clock().instant();
            return service.sessions().stream().map(u -> u.snapshot(now)).toList();
        });
    }

    /** This node's own sessions (in a cluster the others' connections are not here), in the order of {@link #sessions()}. */
    public List<SeaSessionInfo> localSessions() {
        return onRosterThread(() -> {
            Instant now = service.clock().instant();
            return service.sessions().stream().filter(SeaUser::local).map(u -> u.snapshot(now)).toList();
        });
    }

    /** One session, or empty if no session has that ID. */
    public Optional<SeaSessionInfo> session(int id) {
        return onRosterThread(() -> Optional.ofNullable(service.find(id)).map(u -> u.snapshot(service.clock().instant())));
    }

    /**
     * Kills one session (M17), or with {@code ban} also bans its address for the ban timeout and kills
     * every other session from it (M1 by ID, with the IMPROVE of §18 item 12).
     */
    public KillResult kill(int id, boolean ban) {
        return onRosterThread(() -> {
            SeaUser user = service.find(id);
            if (user == null) {
                return new KillResult(List.of(), List.of(), false);
            }
            Instant now = service.clock().instant();
            if (!ban) {
                SeaSessionInfo info = user.snapshot(now);
                service.kill(user, SeaCloseReason.ADMIN, "killed by an operator");
                return new KillResult(List.of(info), List.of(), false);
            }
            Optional<BanEntry> entry = service.banHostOf(user, null, now);
            List<SeaSessionInfo> killed = killCovered(
                    u -> u == user || entry.map(e -> e.bans(u.address(), now)).orElse(false), now);
            log.info("SEA admin killed session {} and banned {}", id, entry.map(BanEntry::text).orElse("nothing"));
            return new KillResult(killed, entry.stream().toList(), false);
        });
    }

    /**
     * Kill + ban by target (§15 M1, §14.2): an ID, {@code a.b.c.d}, {@code a.b.c.d:port}, a CIDR block or
     * a name pattern. Kills every session matching the target, any ban, or (for the IP, CIDR and pattern
     * forms) any blacklist pattern, including sessions still logging in (F25); each killed session's
     * address is banned too, except in the ip:port form.
     *
     * @param duration ban length; null means the current ban timeout
     * @throws IllegalArgumentException for a malformed address or pattern
     */
    public KillResult killAndBan(String target, Duration duration) {
        String text = target.trim();
        return onRosterThread(() -> {
            Instant now = service.clock().instant();
            Duration length = duration != null ? duration : service.bans().defaultTimeout();
            List<BanEntry> added = new ArrayList<>();
            boolean patternAdded = false;
            java.util.function.Predicate<SeaUser> direct;
            boolean sweepPatterns = true;
            boolean banVictims = true;
            Matcher ipPort = IP_PORT.matcher(text);
            if (NUMBER.matcher(text).matches()) {
                long id = Long.parseLong(text);
                direct = u -> u.id() == id;
                sweepPatterns = false;
            } else if (ipPort.matches()) {
                Ipv4Cidr host = Ipv4Cidr.parse(ipPort.group(1));
                int port = Integer.parseInt(ipPort.group(2));
                if (port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + port);
                }
                added.add(service.bans().add(host, length, now));
                direct = u -> u.ipText().equals(host.networkText()) && u.port() == port;
                sweepPatterns = false;
                banVictims = false;
            } else if (text.contains("/") || looksLikeIp(text)) {
                Ipv4Cidr block = Ipv4Cidr.parse(text);
                added.add(service.bans().add(block, length, now));
                direct = u -> block.contains(u.address());
            } else {
                patternAdded = service.blacklist().add(text);
                direct = u -> false;
            }
            boolean patterns = sweepPatterns;
            java.util.function.Predicate<SeaUser> match = direct
                    .or(u -> service.bans().isBanned(u.address(), now))
                    .or(u -> patterns && service.matchesBlacklist(u));
            List<SeaSessionInfo> killed = new ArrayList<>();
            for (SeaUser u : service.sessions()) {
                if (match.test(u)) {
                    if (banVictims) {
                        service.banHostOf(u, length, now).ifPresent(added::add);
                    }
                    killed.add(u.snapshot(now));
                    service.kill(u, SeaCloseReason.ADMIN, "killed by an operator");
                }
            }
            // Sessions from addresses banned just now (IMPROVE of §14.2): kill them too.
            killed.addAll(killCovered(u -> service.bans().isBanned(u.address(), now), now));
            log.info("SEA admin kill+ban '{}': {} session(s) killed, {} ban(s)", text, killed.size(), added.size());
            return new KillResult(killed, List.copyOf(added), patternAdded);
        });
    }

    private static boolean looksLikeIp(String text) {
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private List<SeaSessionInfo> killCovered(java.util.function.Predicate<SeaUser> predicate, Instant now) {
        List<SeaSessionInfo> killed = new ArrayList<>();
        for (SeaUser u : service.sessions()) {
            if (predicate.test(u)) {
                killed.add(u.snapshot(now));
                service.kill(u, SeaCloseReason.ADMIN, "killed by an operator");
            }
        }
        return killed;
    }

    // ------------------------------------------------------------------ bans (M2, M3, M4, M6)

    /**
     * Adds a ban (M4) for {@code duration}, or a permanent one when {@code duration} is null; with
     * {@code sweep} also kills the sessions it covers.
     */
    public BanEntry ban(String ipOrCidr, Duration duration, boolean sweep) {
        Ipv4Cidr block = Ipv4Cidr.parse(ipOrCidr.trim());
        return onRosterThread(() -> {
            Instant now = service.clock().instant();
            BanEntry entry = duration == null ? service.bans().addPermanent(block, now)
                    : service.bans().add(block, duration, now);
            if (sweep) {
                killCovered(u -> block.contains(u.address()), now);
            }
            log.info("SEA admin banned {} until {}", entry.text(), entry.isPermanent() ? "forever" : entry.expiresAt());
            return entry;
        });
    }

    /** Removes the ban with exactly this network and prefix (M2); false if there was none. */
    public boolean unban(String ipOrCidr) {
        Ipv4Cidr block = Ipv4Cidr.parse(ipOrCidr.trim());
        return onRosterThread(() -> service.bans().remove(block).isPresent());
    }

    /** The ban list, newest first (M3). */
    public List<BanEntry> bans() {
        return onRosterThread(() -> service.bans().list());
    }

    // ------------------------------------------------------------------ blacklist (M5)

    public List<String> blacklist() {
        return onRosterThread(() -> service.blacklist().list());
    }

    /**
     * Adds a pattern and kills the live sessions whose user or computer name matches it (M5 "add MAY
     * sweep"); killed sessions are not banned unless blacklist bans are configured.
     */
    public KillResult addBlacklistPattern(String pattern) {
        return onRosterThread(() -> {
            boolean added = service.blacklist().add(pattern);
            Instant now = service.clock().instant();
            NameBlacklist single = new NameBlacklist(service.blacklist().caseFolding(), List.of(pattern));
            List<BanEntry> bans = new ArrayList<>();
            List<SeaSessionInfo> killed = new ArrayList<>();
            for (SeaUser u : service.sessions()) {
                if (u.loggedIn() && (single.matches(u.username().toByteArray())
                        || single.matches(u.compname().toByteArray()))) {
                    if (service.settings().blacklistBans()) {
                        service.banHostOf(u, null, now).ifPresent(bans::add);
                    }
                    killed.add(u.snapshot(now));
                    service.kill(u, SeaCloseReason.BLACKLISTED, "name matches a newly blacklisted pattern");
                }
            }
            return new KillResult(killed, bans, added);
        });
    }

    public boolean removeBlacklistPattern(String pattern) {
        return onRosterThread(() -> service.blacklist().remove(pattern));
    }

    // ------------------------------------------------------------------ settings (M6, M7, M13), M14, M16

    public Settings settings() {
        return onRosterThread(this::currentSettings);
    }

    private Settings currentSettings() {
        SeaSettings s = service.settings();
        var status = archive == null ? null : archive.status();
        Logger seaLog = LoggerFactory.getLogger("dev.switchboard.sea");
        String level = seaLog.isTraceEnabled() ? "TRACE" : seaLog.isDebugEnabled() ? "DEBUG" : "INFO";
        return new Settings(s.strict(), s.archiveUrlText(), s.floodPolicy().floodThreshold(),
                s.defaultMaxPenaltySeconds(), service.bans().defaultTimeout(), service.loggedInCount(),
                status == null ? "" : status.target(), status == null ? "" : status.state().name(), level);
    }

    /**
     * Applies a settings change atomically. A new flood threshold or default max penalty applies to
     * sessions accepted afterwards; the ban timeout is raised to at least threshold × 10 s (§11.3).
     *
     * @throws IllegalArgumentException for an archive URL over 255 bytes (F32)
     */
    public Settings updateSettings(SettingsChange change) {
        return onRosterThread(() -> {
            SeaSettings s = service.settings();
            if (change.archiveUrl() != null) {
                s.archiveUrl(change.archiveUrl());
            }
            if (change.strict() != null) {
                s.strict(change.strict());
            }
            if (change.floodThreshold() != null) {
                s.floodPolicy(new FloodPolicy(change.floodThreshold()));
            }
            if (change.defaultMaxPenaltySeconds() != null) {
                service.defaultMaxPenaltySeconds(change.defaultMaxPenaltySeconds());
            }
            if (change.banTimeout() != null) {
                service.bans().setDefaultTimeout(change.banTimeout());
            }
            log.info("SEA admin changed settings: {}", change);
            return currentSettings();
        });
    }

    /**
     * Tells every logged-in session to store {@code ipv4} as its secondary server (M14, §6.13).
     *
     * @return the number of sessions notified
     * @throws IllegalArgumentException unless {@code ipv4} is a dotted-quad address (a bare number such as
     *                                  {@code 13} is rejected, TV-18)
     */
    public int broadcastAltServer(String ipv4) {
        String text = ipv4.trim();
        if (!looksLikeIp(text)) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + ipv4);
        }
        int bits = Ipv4Cidr.parse(text).network();
        SeaBytes address = SeaBytes.adopt(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8),
            (byte) bits});
        return onRosterThread(() -> service.broadcastAltServer(address));
    }

    /** The effective connection classes (M16), first match wins, then the fallback. */
    public List<ConnectionClass> connectionClasses() {
        return onRosterThread(() -> {
            List<ConnectionClass> all = new ArrayList<>(service.connectionClasses().classes());
            all.add(service.connectionClasses().fallback());
            return all;
        });
    }

    // ------------------------------------------------------------------ dumps to the archiver (M12)

    /**
     * Writes USERINFO records for the selected logged-in sessions, or BANENTRY records for {@code bans},
     * to the archiver in the exact formats of §13.6–13.7, plus one GLOBALVARS record while the SEA logger
     * is at debug level. Nothing is written while no archiver connection exists (§14.2).
     *
     * @param selector {@code all}, {@code bans}, a user ID, {@code a.b.c.d} or {@code a.b.c.d:port}
     * @return the number of records written
     * @throws IllegalArgumentException for any other selector
     */
    public int dumpToArchiver(String selector) {
        String text = selector.trim();
        java.util.function.Predicate<SeaUser> match;
        Matcher ipPort = IP_PORT.matcher(text);
        if ("bans".equalsIgnoreCase(text)) {
            match = null;
        } else if ("all".equalsIgnoreCase(text)) {
            match = u -> true;
        } else if (NUMBER.matcher(text).matches()) {
            long id = Long.parseLong(text);
            match = u -> u.id() == id;
        } else if (ipPort.matches()) {
            String ip = ipPort.group(1);
            int port = Integer.parseInt(ipPort.group(2));
            match = u -> u.ipText().equals(ip) && u.port() == port;
        } else if (looksLikeIp(text)) {
            match = u -> u.ipText().equals(text);
        } else {
            throw new IllegalArgumentException("dump selector must be all, bans, an ID, an IP or ip:port: " + selector);
        }
        if (archive == null || !archive.status().connected()) {
            return 0;
        }
        java.util.function.Predicate<SeaUser> selected = match;
        List<String> records = onRosterThread(() -> {
            List<String> out = new ArrayList<>();
            if (selected == null) {
                for (BanEntry b : service.bans().list()) {
                    out.add(ArchiveRecords.banEntry(b.isPermanent() ? BanDump.permanent(b.text())
                            : new BanDump(b.text(), b.expiresAt().getEpochSecond())));
                }
            } else {
                for (SeaUser u : service.sessions()) {
                    if (u.loggedIn() && selected.test(u)) {
                        out.add(ArchiveRecords.userInfo(userInfo(u)));
                    }
                }
            }
            Logger seaLog = LoggerFactory.getLogger("dev.switchboard.sea");
            if (seaLog.isDebugEnabled()) {
                var status = archive.status();
                out.add(ArchiveRecords.globalVars(new GlobalVars(seaLog.isTraceEnabled() ? 2 : 1,
                        service.settings().strict(), service.settings().floodPolicy().floodThreshold(),
                        service.bans().defaultTimeout().getSeconds(), service.loggedInCount(), status.archSock(),
                        status.archPath())));
            }
            return out;
        });
        records.forEach(archive::offer);
        return records.size();
    }

    private static UserInfoDump userInfo(SeaUser u) {
        SeaSessionInfo s = u.snapshot(Instant.EPOCH);
        return new UserInfoDump(u.id(), u.ipText(), u.port(), 0, u.lastFrameLength(), UserInfoDump.IDLE_INBUF,
                u.faculty(), s.room(), u.version() & 0xFF, u.printer(), u.away(), s.maxPenalty(), s.penaltyTimer(),
                s.lastActivity(), s.username(), s.compname(), s.info());
    }

    private <T> T onRosterThread(Supplier<T> action) {
        if (onRoster.getAsBoolean()) {
            return action.get();
        }
        try {
            return CompletableFuture.supplyAsync(action, roster).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the SEA roster", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("SEA roster did not answer within " + timeout, e);
        }
    }
}
