package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BanListTest {

    /** The spec's harness clock T (§17). */
    private static final Instant T = Instant.ofEpochSecond(1_234_567_890L);

    private final BanList bans = BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null);

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parse(text);
    }

    @Test
    void forPolicy_whenNoTimeoutConfigured_thenDefaultIsThresholdTimesTen() {
        assertThat(bans.defaultTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(BanList.forPolicy(new FloodPolicy(8), null).defaultTimeout()).hasSeconds(80);
    }

    @Test
    void constructor_whenConfiguredBelowFloor_thenRaisedToFloor() {
        assertThat(new BanList(Duration.ofSeconds(5), Duration.ofSeconds(60)).defaultTimeout()).hasSeconds(60);
        assertThat(new BanList(Duration.ofSeconds(300), Duration.ofSeconds(60)).defaultTimeout()).hasSeconds(300);
    }

    @Test
    void constructor_whenBadDurations_thenIllegalArgument() {
        assertThatThrownBy(() -> new BanList(null, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
        assertThatThrownBy(() -> new BanList(Duration.ofSeconds(60), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new BanList(Duration.ofSeconds(60), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    @Test
    void setDefaultTimeout_whenBelowFloor_thenClampedAndEffectiveValueReturned() {
        // §15 M6 / reference USR2 with a number: max(n, floodThreshold × 10)
        assertThat(bans.setDefaultTimeout(Duration.ofSeconds(10))).hasSeconds(60);
        assertThat(bans.defaultTimeout()).hasSeconds(60);
        assertThat(bans.setDefaultTimeout(Duration.ofSeconds(600))).hasSeconds(600);
        assertThat(bans.defaultTimeout()).hasSeconds(600);
        assertThatThrownBy(() -> bans.setDefaultTimeout(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void add_whenDefaultTimeout_thenExpiresAtNowPlusBanTimeout() throws UnknownHostException {
        // TV-21: kill+ban of 172.16.0.0/12 at T with the default ban timeout → expire=1234567950
        BanEntry entry = bans.add(cidr("172.16.0.0/12"), T);

        assertThat(entry.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_234_567_950L));
        assertThat(entry.text()).isEqualTo("172.16.0.0/12");
        assertThat(entry.isPermanent()).isFalse();
        assertThat(bans.isBanned(ip("172.20.1.1"), T)).isTrue();
        assertThat(bans.isBanned(ip("172.32.0.1"), T)).isFalse();
    }

    @Test
    void isBanned_whenExactlyAtExpiry_thenNoLongerBanned() throws UnknownHostException {
        bans.add(cidr("10.0.0.9"), T);

        assertThat(bans.isBanned(ip("10.0.0.9"), T.plusSeconds(59))).isTrue();
        assertThat(bans.isBanned(ip("10.0.0.9"), T.plusSeconds(60).minusNanos(1))).isTrue();
        // now < expiry is required (§12.1), so at expiry the address is free even before the purge tick
        assertThat(bans.isBanned(ip("10.0.0.9"), T.plusSeconds(60))).isFalse();
        assertThat(bans.list()).hasSize(1);
    }

    @Test
    void isBanned_whenHostBitsTyped_thenBlockStillMatches() throws UnknownHostException {
        // the reference never matches 10.1.1.7/24 (F23); the normalised block does
        bans.add(cidr("10.1.1.7/24"), T);

        assertThat(bans.isBanned(ip("10.1.1.99"), T)).isTrue();
        assertThat(bans.list()).extracting(BanEntry::text).containsExactly("10.1.1.0/24");
    }

    @Test
    void isBanned_whenIpv6Client_thenNotBannedByIpv4Entries() throws UnknownHostException {
        bans.add(cidr("0.0.0.0/0"), T);

        assertThat(bans.isBanned(ip("::1"), T)).isFalse();
        assertThat(bans.isBanned(ip("8.8.8.8"), T)).isTrue();
    }

    @Test
    void add_whenActiveEntryForSameBlock_thenExpiryResetInPlace() {
        bans.add(cidr("10.0.0.1"), T);
        bans.add(cidr("10.0.0.2"), T.plusSeconds(1));

        BanEntry reset = bans.add(cidr("10.0.0.1"), T.plusSeconds(30));

        assertThat(reset.expiresAt()).isEqualTo(T.plusSeconds(90));
        // no duplicate, and the entry keeps its place (10.0.0.2 is still the head)
        assertThat(bans.list()).extracting(BanEntry::text).containsExactly("10.0.0.2", "10.0.0.1");
        assertThat(bans.list().get(1).expiresAt()).isEqualTo(T.plusSeconds(90));
    }

    @Test
    void add_whenActiveEntryHasLaterExpiry_thenResetShortensIt() throws UnknownHostException {
        // §12.1: re-adding "just resets its expiry to now + timeout", even if that is earlier
        bans.add(cidr("10.0.0.1"), Duration.ofHours(1), T);

        bans.add(cidr("10.0.0.1"), T.plusSeconds(10));

        assertThat(bans.list()).singleElement().extracting(BanEntry::expiresAt).isEqualTo(T.plusSeconds(70));
        assertThat(bans.isBanned(ip("10.0.0.1"), T.plusSeconds(70))).isFalse();
    }

    @Test
    void add_whenPermanentEntryReAddedWithTimeout_thenItBecomesTimed() {
        bans.addPermanent(cidr("10.0.0.1"), T);

        BanEntry entry = bans.add(cidr("10.0.0.1"), T);

        assertThat(entry.isPermanent()).isFalse();
        assertThat(entry.expiresAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void add_whenOnlyAnExpiredUnpurgedEntryExists_thenNewEntryGoesToHead() {
        bans.add(cidr("10.0.0.1"), T);
        bans.add(cidr("10.0.0.2"), Duration.ofHours(1), T);

        bans.add(cidr("10.0.0.1"), T.plusSeconds(61));

        assertThat(bans.list()).extracting(BanEntry::text).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(bans.list().get(0).expiresAt()).isEqualTo(T.plusSeconds(121));
    }

    @Test
    void add_whenDifferentPrefixSameNetwork_thenSeparateEntries() {
        bans.add(cidr("10.0.0.0/8"), T);
        bans.add(cidr("10.0.0.0/16"), T);
        bans.add(cidr("10.0.0.0"), T);

        assertThat(bans.list()).extracting(BanEntry::text).containsExactly("10.0.0.0", "10.0.0.0/16", "10.0.0.0/8");
    }

    @Test
    void add_whenExplicitTimeout_thenNotClampedToFloor() {
        BanEntry entry = bans.add(cidr("10.0.0.1"), Duration.ofSeconds(5), T);

        assertThat(entry.expiresAt()).isEqualTo(T.plusSeconds(5));
    }

    @Test
    void add_whenBadArguments_thenIllegalArgument() {
        assertThatThrownBy(() -> bans.add(cidr("10.0.0.1"), Duration.ZERO, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> bans.add(cidr("10.0.0.1"), Duration.ofSeconds(-1), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> bans.add(cidr("10.0.0.1"), null, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> bans.add(cidr("10.0.0.1"), Duration.ofSeconds(Long.MAX_VALUE), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> bans.add(null, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an address block");
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void addPermanent_whenAnyTimeLater_thenStillBannedAndNeverExpired() throws UnknownHostException {
        BanEntry entry = bans.addPermanent(cidr("192.168.7.0/24"), T);

        Instant farFuture = Instant.parse("2100-01-01T00:00:00Z");
        assertThat(entry.isPermanent()).isTrue();
        assertThat(entry.expiresAt()).isNull();
        assertThat(bans.isBanned(ip("192.168.7.7"), farFuture)).isTrue();
        assertThat(bans.expire(farFuture)).isEmpty();
        assertThat(bans.list()).containsExactly(entry);
    }

    @Test
    void remove_whenExactBlockPresent_thenRemovedAndReturned() throws UnknownHostException {
        BanEntry entry = bans.add(cidr("10.1.1.0/24"), T);

        assertThat(bans.remove(cidr("10.1.1.0/24"))).contains(entry);
        assertThat(bans.isBanned(ip("10.1.1.5"), T)).isFalse();
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void remove_whenNotBanned_thenSilentEmptyResult() {
        bans.add(cidr("10.1.1.0/24"), T);

        assertThat(bans.remove(cidr("10.1.1.5"))).isEmpty();
        assertThat(bans.remove(cidr("10.1.0.0/16"))).isEmpty();
        assertThat(bans.list()).hasSize(1);
    }

    @Test
    void remove_whenWiderOverlappingBanIsNewer_thenExactEntryStillRemoved() throws UnknownHostException {
        // F24: the reference meets the wider 10.0.0.0/8 first and gives up; we remove the exact entry
        bans.add(cidr("10.1.1.2"), T);
        bans.add(cidr("10.0.0.0/8"), T);

        assertThat(bans.remove(cidr("10.1.1.2"))).isPresent();
        assertThat(bans.list()).extracting(BanEntry::text).containsExactly("10.0.0.0/8");
        assertThat(bans.isBanned(ip("10.1.1.2"), T)).isTrue();
    }

    @Test
    void remove_whenNull_thenIllegalArgument() {
        assertThatThrownBy(() -> bans.remove(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expire_whenSomeEntriesDue_thenOnlyThoseRemovedAndReturned() {
        BanEntry short1 = bans.add(cidr("10.0.0.1"), Duration.ofSeconds(10), T);
        BanEntry short2 = bans.add(cidr("10.0.0.2"), Duration.ofSeconds(20), T);
        BanEntry longer = bans.add(cidr("10.0.0.3"), Duration.ofSeconds(30), T);
        BanEntry forever = bans.addPermanent(cidr("10.0.0.4"), T);

        assertThat(bans.expire(T.plusSeconds(9))).isEmpty();
        assertThat(bans.expire(T.plusSeconds(20))).containsExactly(short2, short1);
        assertThat(bans.list()).containsExactly(forever, longer);
        assertThat(bans.expire(T.plusSeconds(20))).isEmpty();
        assertThat(bans.size()).isEqualTo(2);
    }

    @Test
    void findBan_whenSeveralEntriesCover_thenNewestActiveOneReported() throws UnknownHostException {
        bans.add(cidr("10.0.0.0/8"), Duration.ofSeconds(10), T);
        BanEntry newer = bans.add(cidr("10.1.0.0/16"), Duration.ofSeconds(5), T);
        bans.add(cidr("192.168.0.0/16"), T);

        assertThat(bans.findBan(ip("10.1.2.3"), T)).contains(newer);
        assertThat(bans.findBan(ip("10.1.2.3"), T.plusSeconds(7))).get().extracting(BanEntry::text)
                .isEqualTo("10.0.0.0/8");
        assertThat(bans.findBan(ip("10.1.2.3"), T.plusSeconds(10))).isEmpty();
    }

    @Test
    void list_whenModifiedAfterwards_thenSnapshotUnchangedAndImmutable() {
        bans.add(cidr("10.0.0.1"), T);
        List<BanEntry> snapshot = bans.list();

        bans.add(cidr("10.0.0.2"), T);
        bans.remove(cidr("10.0.0.1"));

        assertThat(snapshot).extracting(BanEntry::text).containsExactly("10.0.0.1");
        assertThatThrownBy(() -> snapshot.add(new BanEntry(cidr("1.1.1.1"), null)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void banEntry_whenNoBlock_thenIllegalArgument() {
        assertThatThrownBy(() -> new BanEntry(null, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(20)
    void add_whenCalledFromManyThreads_thenNoEntryLostAndReadersNeverFail() throws Exception {
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        bans.add(new Ipv4Cidr(base << 16 | i, 32), T);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                InetAddress probe = ip("0.0.1.1");
                for (int i = 0; i < 2_000; i++) {
                    bans.isBanned(probe, T);
                    bans.list();
                    bans.expire(T);
                }
                return null;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(15, TimeUnit.SECONDS);
            }
            reader.get(15, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(bans.size()).isEqualTo(threads * perThread);
        assertThat(bans.isBanned(ip("0.3.1.243"), T)).isTrue();
    }
}
