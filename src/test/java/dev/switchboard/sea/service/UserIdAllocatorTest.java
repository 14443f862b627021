package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdAllocatorTest {

    private final UserIdAllocator ids = new UserIdAllocator();

    private int next() {
        return ids.allocate().orElseThrow();
    }

    @Test
    void allocate_whenFresh_thenSequentialFromOne() {
        assertThat(List.of(next(), next(), next())).containsExactly(1, 2, 3);
        assertThat(ids.liveCount()).isEqualTo(3);
        assertThat(ids.isLive(2)).isTrue();
    }

    @Test
    void allocate_whenIdJustReleased_thenNotReusedImmediately() {
        int a = next();
        int b = next();
        next();

        assertThat(ids.release(b)).isTrue();
        assertThat(ids.release(a)).isTrue();

        assertThat(next()).isEqualTo(4);
        assertThat(next()).isEqualTo(5);
        assertThat(ids.isLive(a)).isFalse();
    }

    @Test
    void allocate_whenCrossingAvoidedRange_thenSkips1000To2000() {
        for (int i = 1; i < 999; i++) {
            next();
        }

        assertThat(next()).isEqualTo(999);
        assertThat(next()).isEqualTo(2001);
        assertThat(ids.isLive(1000)).isFalse();
    }

    @Test
    void allocate_whenWholeRangeUsed_thenNeverZeroNor65535NorAvoidedAndAllUnique() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < UserIdAllocator.CAPACITY; i++) {
            int id = next();
            assertThat(UserIdAllocator.isAssignable(id)).as("id %d", id).isTrue();
            assertThat(seen.add(id)).as("id %d unique", id).isTrue();
        }

        assertThat(UserIdAllocator.CAPACITY).isEqualTo(64_533);
        assertThat(seen).doesNotContain(0, 65_535, 1000, 1500, 2000).contains(1, 999, 2001, 65_534);
        assertThat(ids.liveCount()).isEqualTo(UserIdAllocator.CAPACITY);
    }

    @Test
    void allocate_whenExhausted_thenEmptyUntilSomethingIsReleased() {
        for (int i = 0; i < UserIdAllocator.CAPACITY; i++) {
            next();
        }

        assertThat(ids.allocate()).isEmpty();
        assertThat(ids.allocate()).isEmpty();
        ids.release(4321);
        assertThat(ids.allocate()).isEqualTo(OptionalInt.of(4321));
        assertThat(ids.allocate()).isEmpty();
    }

    @Test
    void allocate_whenCursorWraps_thenFreedIdsComeBackInCursorOrderAndLiveOnesAreSkipped() {
        for (int i = 0; i < UserIdAllocator.CAPACITY; i++) {
            next();
        }
        ids.release(7);
        ids.release(3);
        ids.release(65_534);

        // the cursor is at 65534: it wraps and takes the free IDs after it in order, skipping live ones;
        // 65534 itself comes back last, although it was the most recently handed out
        assertThat(next()).isEqualTo(3);
        assertThat(next()).isEqualTo(7);
        assertThat(next()).isEqualTo(65_534);
        assertThat(ids.allocate()).isEmpty();
    }

    @Test
    void allocate_whenLiveIdsAheadOfCursor_thenSkipped() {
        ids.claim(2);
        ids.claim(3);

        assertThat(next()).isEqualTo(1);
        assertThat(next()).isEqualTo(4);
    }

    @Test
    void claim_whenSpecVectorIds_thenReservedAndCursorUnchanged() {
        // §17: conformance tests force IDs 5, 7, 9 and 11
        assertThat(ids.claim(5)).isTrue();
        assertThat(ids.claim(7)).isTrue();
        assertThat(ids.claim(5)).isFalse();

        assertThat(ids.liveCount()).isEqualTo(2);
        assertThat(next()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65_535, 1000, 2000, 1500, -1, 65_536})
    void claimAndRelease_whenIdNeverAssignable_thenIllegalArgument(int id) {
        assertThatThrownBy(() -> ids.claim(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 1-999 or 2001-65534, got " + id);
        assertThatThrownBy(() -> ids.release(id)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ids.isLive(id)).isFalse();
    }

    @Test
    void release_whenNotLive_thenFalseAndCountUnchanged() {
        next();

        assertThat(ids.release(2)).isFalse();
        assertThat(ids.release(1)).isTrue();
        assertThat(ids.release(1)).isFalse();
        assertThat(ids.liveCount()).isZero();
    }

    @Test
    @Timeout(20)
    void allocate_whenManyThreadsAllocateAndRelease_thenLiveIdsStayUnique() throws Exception {
        int threads = 4;
        Set<Integer> held = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        int id = ids.allocate().orElseThrow();
                        if (!held.add(id)) {
                            throw new AssertionError("id handed out twice: " + id);
                        }
                        mine.add(id);
                        if (mine.size() > 50) {
                            int old = mine.remove(0);
                            held.remove(old);
                            ids.release(old);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(15, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ids.liveCount()).isEqualTo(held.size()).isEqualTo(threads * 50);
    }

    @Test
    void restore_whenGivenAnotherAllocatorsLiveIdsAndCursor_thenHandsOutTheSameIdsFromThere() {
        UserIdAllocator original = new UserIdAllocator();
        for (int i = 0; i < 1005; i++) {
            original.allocate();
        }
        original.release(3);
        original.release(500);
        UserIdAllocator copy = new UserIdAllocator();
        copy.claim(7);
        copy.restore(original.liveIds(), original.cursor());
        assertThat(copy.liveIds()).isEqualTo(original.liveIds());
        assertThat(copy.liveCount()).isEqualTo(original.liveCount()).isEqualTo(1003);
        assertThat(copy.cursor()).isEqualTo(original.cursor()).isEqualTo(2006);
        for (int i = 0; i < 70_000; i++) {
            assertThat(copy.allocate()).isEqualTo(original.allocate());
        }
        assertThat(copy.isLive(1500)).isFalse();
    }

    @Test
    void restore_whenIdsAreInvalid_thenRefusedAndUnchanged() {
        UserIdAllocator ids = new UserIdAllocator();
        ids.allocate();
        assertThatThrownBy(() -> ids.restore(new int[] {1500}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.restore(new int[] {4, 4}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.restore(new int[] {4}, 65_535)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ids.liveIds()).containsExactly(1);
        assertThat(ids.cursor()).isEqualTo(1);
    }
}
