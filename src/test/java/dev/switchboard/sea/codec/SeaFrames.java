package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.tools.codec.sea.SeaClientFrames;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of client→server SEA frames (§2.2, §5) for the property tests: well-formed frames of every
 * command, each exactly as long as its fields say, and mutations of them.
 */
final class SeaFrames {

    private SeaFrames() {
    }

    /** One well-formed frame of a random command, with a body no longer than a few hundred bytes. */
    static Arbitrary<byte[]> wellFormed() {
        Arbitrary<byte[]> name = bytes(1, 40);
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 0xFFFF);
        return Arbitraries.oneOf(
                Combinators.combine(name, name).as((u, c) -> frame(SeaCodes.LOGIN, str8(u), str8(c))),
                Combinators.combine(id, Arbitraries.integers().between(0, 0xFF), bytes(0, 300))
                        .as((dst, flags, text) -> frame(SeaCodes.SEND_MESSAGE, u16(dst), new byte[] {(byte) (int) flags, 0},
                                u16(text.length), text)),
                Arbitraries.of(SeaCodes.PING, SeaCodes.LINK_REQUEST, SeaCodes.AWAY, SeaCodes.UNAWAY,
                        SeaCodes.PRINTERS_JOIN, SeaCodes.PRINTERS_LEAVE).map(SeaFrames::frame),
                Combinators.combine(Arbitraries.integers().between(0, 0xFF), bytes(5, 5), bytes(0, 255),
                        Arbitraries.integers().between(0, 0xFF))
                        .as((faculty, room, info, version) -> frame(SeaCodes.SET_USERINFO,
                                new byte[] {(byte) (int) faculty}, room, str8(info), new byte[] {(byte) (int) version})),
                Combinators.combine(Arbitraries.of(SeaCodes.USERINFO_REQUEST, SeaCodes.MUTE), id)
                        .as((code, target) -> frame(code, u16(target))),
                Combinators.combine(Arbitraries.of(SeaCodes.CHAT, SeaCodes.CHAT_CANCEL), id, bytes(0, 120))
                        .as((code, target, payload) -> frame(code, u16(target), payload)),
                name.map(n -> frame(SeaCodes.RENAME, str8(n))),
                Combinators.combine(Arbitraries.of(0, 6, 13, 17, 0x7F, 0xFF), bytes(0, 40))
                        .as((code, body) -> frame(code, body)));
    }

    /**
     * {@code frame} broken the way a hostile or careless client breaks frames: a flipped byte, cut short,
     * extended with garbage, or a length field replaced by zero, a small, a large or the maximal value.
     */
    static Arbitrary<byte[]> mutated(byte[] frame) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, frame.length - 1);
        return Arbitraries.oneOf(
                Combinators.combine(position, Arbitraries.integers().between(1, 255)).as((at, mask) -> {
                    byte[] copy = frame.clone();
                    copy[at] ^= (byte) (int) mask;
                    return copy;
                }),
                position.map(at -> Arrays.copyOf(frame, at)),
                bytes(1, 40).map(extra -> concat(frame, extra)),
                Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 0xFFFF, 0x10000, SeaCodes.MAX_FRAME_LENGTH),
                        Arbitraries.integers().between(0, frame.length + 8)).map(length -> {
                    byte[] copy = frame.clone();
                    copy[0] = (byte) (length >>> 16);
                    copy[1] = (byte) (length >>> 8);
                    copy[2] = (byte) (int) length;
                    return copy;
                }));
    }

    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    /** BE24 {@code L}, the command byte, then the body parts (§2.2), by the shared client codec. */
    static byte[] frame(int command, byte[]... body) {
        return SeaClientFrames.frame(command, body);
    }

    static byte[] str8(byte[] value) {
        return SeaClientFrames.str8(value);
    }

    static byte[] u16(int value) {
        return SeaClientFrames.u16(value);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
