package dev.switchboard.support.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so a test can check deterministically, right
 * after a try, that each of them was released: no wait for the garbage collector as Netty's
 * {@code ResourceLeakDetector} needs. Derived buffers (slices, duplicates) share their parent's
 * reference count, so checking the parents covers them too.
 *
 * <p>Netty 4.2's {@code LeakPresenceDetector} answers the same question, but it is installed for the
 * whole JVM and checks one global scope, which the other tests sharing the Surefire fork keep busy.
 * Not thread-safe: meant for one {@code EmbeddedChannel} driven by the test thread.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();

    public TrackingAllocator() {
        super(false);
    }

    // Buffers are handed out without Netty's leak-aware wrapper: this allocator tracks them itself, and
    // the PARANOID wrapper's stack trace on every access would dominate the run time of a fuzz try.
    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return newDirectBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return remember(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return remember(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return remember(new CompositeByteBuf(this, false, maxNumComponents));
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return remember(new CompositeByteBuf(this, true, maxNumComponents));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A heap buffer holding a copy of {@code bytes}, owned by the caller. */
    public ByteBuf copyOf(byte[] bytes) {
        return heapBuffer(Math.max(bytes.length, 1)).writeBytes(bytes);
    }

    /** The buffers still referenced, described for an assertion message. */
    public List<String> outstanding() {
        List<String> open = new ArrayList<>();
        for (ByteBuf buf : allocated) {
            if (buf.refCnt() > 0) {
                open.add(buf.getClass().getSimpleName() + "(refCnt=" + buf.refCnt() + ", readable="
                        + buf.readableBytes() + ")");
            }
        }
        return open;
    }

    /** Fails when any buffer from this allocator is still referenced. */
    public void assertAllReleased() {
        List<String> open = outstanding();
        if (!open.isEmpty()) {
            throw new AssertionError(open.size() + " of " + allocated.size() + " buffers not released: " + open);
        }
    }

    private <T extends ByteBuf> T remember(T buf) {
        allocated.add(buf);
        return buf;
    }
}
