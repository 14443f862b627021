package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;

import java.util.ArrayList;
import java.util.List;

/**
 * One packet of a broadcast on its way to every recipient, prepared once per transport. A session of a network
 * transport asks for its transport's {@link Form} (a WebSocket session: the packet encoded once, shared by every
 * WebSocket recipient); the first such session prepares it and the others reuse it. A session that is not a
 * connection (a member presented by another protocol) reads {@link #packet()} and converts it itself. So the
 * service hands every session the same object and never needs to know which kind of session it holds.
 *
 * <p>Used by one broadcast on one thread: the room's lock is held from the first delivery to {@link #finish()}.
 */
public final class Delivery {

    private final TPacket packet;
    /** Forms prepared so far, in the order asked for; one in practice, at most one per transport. */
    private final List<Prepared<?>> prepared = new ArrayList<>(1);

    Delivery(TPacket packet) {
        this.packet = packet;
    }

    /** The packet every recipient receives. */
    public TPacket packet() {
        return packet;
    }

    /** This packet in {@code kind}'s form, prepared on the first call for that kind. */
    public <F> F form(Form<F> kind) {
        for (Prepared<?> p : prepared) {
            if (p.kind == kind) {
                return kind.type().cast(p.value);
            }
        }
        F value = kind.prepare(packet);
        prepared.add(new Prepared<>(kind, value));
        return value;
    }

    /** Every recipient took its share: each form hands its writes on and frees what it prepared. */
    void finish() {
        RuntimeException first = null;
        for (Prepared<?> p : prepared) {
            try {
                p.finish();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * How one transport prepares a packet for all of its recipients. {@link #finish} is called once per prepared
     * value, under the room's lock: it must hand its writes on without calling into a connection inline.
     */
    public interface Form<F> {

        /** The type of the prepared value. */
        Class<F> type();

        F prepare(TPacket packet);

        void finish(F prepared);
    }

    private record Prepared<F>(Form<F> kind, F value) {
        void finish() {
            kind.finish(value);
        }
    }
}
