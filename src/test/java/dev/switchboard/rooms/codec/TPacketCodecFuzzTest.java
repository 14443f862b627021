package dev.switchboard.rooms.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.rooms.message.Malformed;
import dev.switchboard.rooms.message.RoomsInbound;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.support.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property and fuzz tests of the tPacket codec (spec §5) and its agreement with the load driver's
 * client-side tPacket code ({@link TPackets}).
 */
class TPacketCodecFuzzTest {

    private static final int MAX = 2048;

    private static RoomsInbound decode(TrackingAllocator alloc, byte[] message, int max) {
        ByteBuf buf = alloc.copyOf(message);
        try {
            RoomsInbound result = new TPacketDecoder(max).decode(buf);
            assertThat(buf.isReadable()).as("the whole message is consumed").isFalse();
            return result;
        } finally {
            buf.release();
        }
    }

    @Property
    void decode_whenAnyBytes_thenPacketExactlyWhenHeaderSignatureAndSizeHold(@ForAll("messages") byte[] message,
            @ForAll @IntRange(min = 24, max = MAX) int max) {
        TrackingAllocator alloc = new TrackingAllocator();
        RoomsInbound result = decode(alloc, message, max);
        alloc.assertAllReleased();

        boolean wellFormed = message.length >= 24 && message.length <= max && intLE(message, 0) == TPacketHeader.SIGNATURE
                && intLE(message, 8) == message.length;
        if (wellFormed) {
            TPacket packet = (TPacket) result;
            assertThat(packet.uid()).isEqualTo(intLE(message, 4));
            assertThat(packet.cmd()).isEqualTo(intLE(message, 12));
            assertThat(packet.p1()).isEqualTo(intLE(message, 16));
            assertThat(packet.p2()).isEqualTo(intLE(message, 20));
            assertThat(packet.blob()).isEqualTo(Arrays.copyOfRange(message, 24, message.length));
        } else {
            assertThat(result).isInstanceOf(Malformed.class);
        }
    }

    @Property
    void decode_whenEncoded_thenSamePacket(@ForAll("packets") TPacket packet) {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf encoded = TPacketEncoder.encode(alloc, packet);
        assertThat(encoded.readableBytes()).isEqualTo(24 + packet.blobLength());
        RoomsInbound decoded = new TPacketDecoder(MAX).decode(encoded);
        encoded.release();
        alloc.assertAllReleased();
        assertThat(decoded).isEqualTo(packet);
    }

    @Property
    void driverClient_whenSameMessage_thenAgreesWithServerDecoder(@ForAll("messages") byte[] message) {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf buf = alloc.copyOf(message);
        String clientVerdict = TPackets.invalid(buf);
        RoomsInbound server = new TPacketDecoder(Integer.MAX_VALUE).decode(buf.duplicate());
        if (server instanceof TPacket packet) {
            assertThat(clientVerdict).isNull();
            assertThat(TPackets.uid(buf)).isEqualTo(packet.uid());
            assertThat(TPackets.cmd(buf)).isEqualTo(packet.cmd());
            assertThat(TPackets.p1(buf)).isEqualTo(packet.p1());
        } else {
            assertThat(clientVerdict).as("client accepts what the server calls %s", server).isNotNull();
        }
        buf.release();
        alloc.assertAllReleased();
    }

    @Property
    void serverDecoder_whenDriverBuildsPacket_thenSameFields(@ForAll int uid, @ForAll @IntRange(max = 8) int cmd,
            @ForAll("blobs") byte[] blob) {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf packet = TPackets.packet(alloc, uid, cmd, blob);
        RoomsInbound decoded = new TPacketDecoder(MAX).decode(packet);
        packet.release();
        alloc.assertAllReleased();
        assertThat(decoded).isEqualTo(new TPacket(uid, cmd, 0, 0, blob));
    }

    private static int intLE(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    // --- generators ---

    @Provide
    Arbitrary<byte[]> blobs() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<TPacket> packets() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers(), blobs()).as(TPacket::new);
    }

    /** Well-formed packets, mutations of them (a byte flipped, cut, extended, size field changed) and noise. */
    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> valid = packets().map(p -> {
            ByteBuf buf = TPacketEncoder.encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, p);
            try {
                return ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
        });
        return Arbitraries.oneOf(valid, valid.flatMap(TPacketCodecFuzzTest::mutated),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    private static Arbitrary<byte[]> mutated(byte[] packet) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, packet.length - 1);
        return Arbitraries.oneOf(
                Combinators.combine(position, Arbitraries.integers().between(1, 255)).as((at, mask) -> {
                    byte[] copy = packet.clone();
                    copy[at] ^= (byte) (int) mask;
                    return copy;
                }),
                position.map(at -> Arrays.copyOf(packet, at)),
                Arbitraries.integers().between(1, 40).map(n -> Arrays.copyOf(packet, packet.length + n)),
                Arbitraries.oneOf(Arbitraries.of(0, -1, 23, 24, Integer.MAX_VALUE, Integer.MIN_VALUE),
                        Arbitraries.integers().between(0, packet.length + 8)).map(size -> {
                    byte[] copy = packet.clone();
                    copy[8] = (byte) (int) size;
                    copy[9] = (byte) (size >>> 8);
                    copy[10] = (byte) (size >>> 16);
                    copy[11] = (byte) (size >>> 24);
                    return copy;
                }));
    }
}
