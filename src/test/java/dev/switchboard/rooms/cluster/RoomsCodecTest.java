package dev.switchboard.rooms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;
import dev.switchboard.rooms.service.RoomsState.RoomState;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rooms channel's event codec and the snapshot format: every event and snapshot decodes to what was encoded,
 * every truncation or change of length is refused with {@link RoomsCodecException} (never another exception, never
 * an allocation the bytes cannot back), and arbitrary bytes either decode to an event that re-encodes to the same
 * bytes or are refused.
 */
class RoomsCodecTest {

    @Provide
    Arbitrary<SessionKey> keys() {
        return Combinators.combine(nodeIds(), Arbitraries.longs(), Arbitraries.longs()).as(SessionKey::new);
    }

    private static Arbitrary<String> nodeIds() {
        return Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(128);
    }

    /** Text as nicks and room names have it, several scripts included (no lone surrogates: they are not UTF-8). */
    private static Arbitrary<String> texts(int maxLength) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('\u00c0', '\u024f')
                .withCharRange('\u4e00', '\u4e20').withChars(" :*!").ofMaxLength(maxLength);
    }

    private Arbitrary<byte[]> blobs() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<RoomsEvent> events() {
        Arbitrary<SessionKey> key = keys();
        Arbitrary<Integer> ints = Arbitraries.integers();
        return Arbitraries.oneOf(
                Combinators.combine(key, ints, blobs(), ints).as(ClaimNick::new),
                Combinators.combine(key, ints, blobs()).as(Join::new),
                Combinators.combine(key, blobs()).as(Say::new),
                key.map(Leave::new),
                Combinators.combine(blobs(), ints).as(Kick::new),
                Combinators.combine(blobs(), blobs()).as(Notice::new),
                Combinators.combine(nodeIds(), Arbitraries.longs()).as(NodeGone::new));
    }

    @Provide
    Arbitrary<RoomsSnapshot> snapshots() {
        Arbitrary<RoomsSnapshot.Member> member = Combinators.combine(keys(), Arbitraries.integers(),
                texts(32), Arbitraries.integers(), Arbitraries.of(true, false))
                .as(RoomsSnapshot.Member::new);
        Arbitrary<RoomState> room = Combinators.combine(texts(64),
                Arbitraries.integers().list().ofMaxSize(20), blobs().list().ofMaxSize(10), Arbitraries.longs())
                .as(RoomState::new);
        return Combinators.combine(Arbitraries.integers(), member.list().ofMaxSize(20), room.list().ofMaxSize(5))
                .as(RoomsSnapshot::new);
    }

    @Property
    void event_whenEncodedAndDecoded_thenSameEvent(@ForAll("events") RoomsEvent event) {
        byte[] encoded = RoomsEventCodec.encode(event);
        RoomsEvent decoded = RoomsEventCodec.decode(encoded);
        assertThat(decoded).usingRecursiveComparison().isEqualTo(event);
        assertThat(RoomsEventCodec.encode(decoded)).isEqualTo(encoded);
    }

    @Property
    void event_whenTruncatedOrExtended_thenRefused(@ForAll("events") RoomsEvent event,
            @ForAll("cuts") int cut) {
        byte[] encoded = RoomsEventCodec.encode(event);
        int length = Math.floorMod(cut, encoded.length);
        assertThatThrownBy(() -> RoomsEventCodec.decode(Arrays.copyOf(encoded, length)))
                .isInstanceOf(RoomsCodecException.class);
        assertThatThrownBy(() -> RoomsEventCodec.decode(Arrays.copyOf(encoded, encoded.length + 1 + length % 7)))
                .isInstanceOf(RoomsCodecException.class);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Property(tries = 2000)
    void event_whenAnyBytes_thenRefusedOrExactlyReEncoded(@ForAll("anyBytes") byte[] bytes) {
        RoomsEvent decoded;
        try {
            decoded = RoomsEventCodec.decode(bytes);
        } catch (RoomsCodecException refused) {
            return;
        }
        assertThat(RoomsEventCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        // mostly near-valid input: a valid event with a few bytes changed, and pure noise
        Arbitrary<byte[]> mutated = Combinators.combine(events(), Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes()).as((event, at, value) -> {
                    byte[] encoded = RoomsEventCodec.encode(event);
                    encoded[at % encoded.length] = value;
                    return encoded;
                });
        return Arbitraries.oneOf(mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    @Property(tries = 300)
    void snapshot_whenEncodedAndDecoded_thenSameState(@ForAll("snapshots") RoomsSnapshot snapshot) {
        byte[] encoded = snapshot.encode();
        RoomsSnapshot decoded = RoomsSnapshot.decode(encoded);
        assertThat(decoded).usingRecursiveComparison().isEqualTo(snapshot);
        assertThat(decoded.encode()).isEqualTo(encoded);
    }

    @Property(tries = 300)
    void snapshot_whenTruncatedOrMutated_thenRefusedOrReEncodedExactly(@ForAll("snapshots") RoomsSnapshot snapshot,
            @ForAll("cuts") int cut, @ForAll byte value) {
        byte[] encoded = snapshot.encode();
        int length = Math.floorMod(cut, encoded.length);
        assertThatThrownBy(() -> RoomsSnapshot.decode(Arrays.copyOf(encoded, length)))
                .isInstanceOf(RoomsCodecException.class);
        byte[] mutated = encoded.clone();
        mutated[length] = value;
        try {
            assertThat(RoomsSnapshot.decode(mutated).encode()).isEqualTo(mutated);
        } catch (RoomsCodecException refused) {
            // refused is fine; anything else is not
        }
    }

    @Example
    void decode_whenACountClaimsMoreThanTheBytesHold_thenRefusedBeforeAllocating() {
        byte[] snapshot = new RoomsSnapshot(0x1000, List.of(), List.of()).encode();
        // member count 0x7fffffff with nothing behind it
        snapshot[5] = 0x7f;
        snapshot[6] = (byte) 0xff;
        snapshot[7] = (byte) 0xff;
        snapshot[8] = (byte) 0xff;
        assertThatThrownBy(() -> RoomsSnapshot.decode(snapshot)).isInstanceOf(RoomsCodecException.class)
                .hasMessageContaining("count");
    }

    @Example
    void decode_whenAnotherVersionOrType_thenRefused() {
        byte[] event = RoomsEventCodec.encode(new Leave(new SessionKey("a", 1, 2)));
        event[0] = 2;
        assertThatThrownBy(() -> RoomsEventCodec.decode(event)).hasMessageContaining("version 2");
        event[0] = 1;
        event[1] = 99;
        assertThatThrownBy(() -> RoomsEventCodec.decode(event)).hasMessageContaining("type 99");
        assertThatThrownBy(() -> RoomsEventCodec.decode(new byte[0])).isInstanceOf(RoomsCodecException.class);
    }
}
