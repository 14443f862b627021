package dev.switchboard.sea.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.service.SeaRosterEvent;
import dev.switchboard.sea.service.SeaRosterState;
import dev.switchboard.sea.service.SeaSessionKey;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The roster log's bytes: every event and snapshot decodes to what was encoded (compared by re-encoding, since
 * events hold arrays); any damage (truncation, flipped bytes, random bytes) is refused with
 * {@link IllegalArgumentException} only, never another exception or a large allocation.
 */
class SeaRosterCodecTest {

    @Property
    void event_whenEncoded_thenDecodesToTheSameEvent(@ForAll("events") SeaRosterEvent event) {
        byte[] bytes = SeaRosterCodec.encode(event);
        SeaRosterEvent decoded = SeaRosterCodec.decode(bytes);
        assertThat(decoded.getClass()).isEqualTo(event.getClass());
        assertThat(SeaRosterCodec.encode(decoded)).isEqualTo(bytes);
        if (!(event instanceof SeaRosterEvent.Reserve)) {
            assertThat(decoded).isEqualTo(event);
        }
    }

    @Property
    void state_whenEncoded_thenDecodesToTheSameState(@ForAll("states") SeaRosterState state) {
        byte[] bytes = SeaRosterCodec.encode(state);
        SeaRosterState decoded = SeaRosterCodec.decodeState(bytes);
        assertThat(decoded.cursor()).isEqualTo(state.cursor());
        assertThat(decoded.liveIds()).isEqualTo(state.liveIds());
        assertThat(decoded.sessions()).hasSameSizeAs(state.sessions());
        assertThat(SeaRosterCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Property
    void event_whenTruncatedAnywhere_thenRefused(@ForAll("events") SeaRosterEvent event,
                                                 @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = SeaRosterCodec.encode(event);
        byte[] truncated = Arrays.copyOf(bytes, cut % bytes.length);
        assertThatThrownBy(() -> SeaRosterCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void event_whenBytesDamagedOrExtended_thenDecodedOrRefusedOnly(@ForAll("events") SeaRosterEvent event,
                                                                   @ForAll int position, @ForAll byte value,
                                                                   @ForAll boolean extend) {
        byte[] bytes = SeaRosterCodec.encode(event);
        byte[] damaged = extend ? Arrays.copyOf(bytes, bytes.length + 1) : bytes.clone();
        damaged[Math.floorMod(position, damaged.length)] = value;
        try {
            SeaRosterEvent decoded = SeaRosterCodec.decode(damaged);
            assertThat(SeaRosterCodec.encode(decoded)).isEqualTo(damaged);
        } catch (IllegalArgumentException refused) {
            // a defined outcome
        }
    }

    @Property
    void anyBytes_whenDecoded_thenEventStateOrRefusal(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            SeaRosterCodec.decode(bytes);
        } catch (IllegalArgumentException refused) {
            // a defined outcome
        }
        try {
            SeaRosterCodec.decodeState(bytes);
        } catch (IllegalArgumentException refused) {
            // a defined outcome
        }
    }

    @Property
    void state_whenDamaged_thenDecodedOrRefusedOnly(@ForAll("states") SeaRosterState state, @ForAll int position,
                                                    @ForAll byte value) {
        byte[] damaged = SeaRosterCodec.encode(state);
        damaged[Math.floorMod(position, damaged.length)] = value;
        try {
            SeaRosterCodec.decodeState(damaged);
        } catch (IllegalArgumentException refused) {
            // a defined outcome
        }
    }

    @Test
    void lengthPrefix_whenClaimingMoreThanTheEntry_thenRefusedBeforeAllocating() {
        byte[] bytes = SeaRosterCodec.encode(new SeaRosterEvent.Rename(new SeaSessionKey("a", 1, 2),
                SeaBytes.latin1("x")));
        // the name's length prefix (after format, type, node length + "a", incarnation, sequence) claims 2 GiB
        int lengthAt = 2 + 4 + 1 + 8 + 8;
        bytes[lengthAt] = 0x7F;
        assertThatThrownBy(() -> SeaRosterCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byte string of 2130706433 bytes");
    }

    @Test
    void format_whenUnknown_thenRefused() {
        byte[] bytes = SeaRosterCodec.encode(new SeaRosterEvent.Leave(new SeaSessionKey("a", 1, 2)));
        bytes[0] = 2;
        assertThatThrownBy(() -> SeaRosterCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 2");
        assertThatThrownBy(() -> SeaRosterCodec.decodeState(SeaRosterCodec.encode(SeaRosterEvent.class.cast(
                new SeaRosterEvent.Leave(new SeaSessionKey("a", 1, 2)))))).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<SeaRosterEvent> events() {
        Arbitrary<SeaSessionKey> key = keys();
        Arbitrary<Integer> wireId = Arbitraries.integers().between(0, 0xFFFF);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(key, Arbitraries.of(4, 16).flatMap(n -> bytes(n, n)),
                        Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs())
                        .as((k, a, p, t) -> (SeaRosterEvent) new SeaRosterEvent.Reserve(k, a, p, t)),
                Combinators.combine(key, seaBytes(1, 255), seaBytes(0, 255), Arbitraries.longs())
                        .as(SeaRosterEvent.Login::new),
                key.map(SeaRosterEvent.Leave::new),
                Combinators.combine(key, Arbitraries.strings().ofMaxLength(20), Arbitraries.strings().ofMaxLength(80))
                        .as(SeaRosterEvent.Kill::new),
                Combinators.combine(key, wireId, Arbitraries.integers().between(0, 255), seaBytes(0, 300),
                        seaBytes(0, 300), Arbitraries.longs())
                        .as((k, d, f, t, x, at) -> new SeaRosterEvent.Message(k, new SendMessage(d, f, t, x), at)),
                Combinators.combine(key, wireId, Arbitraries.of(true, false), seaBytes(0, 100))
                        .as(SeaRosterEvent.ChatRelay::new),
                Combinators.combine(key, wireId).as(SeaRosterEvent.Mute::new),
                Combinators.combine(key, Arbitraries.of(true, false)).as(SeaRosterEvent.Away::new),
                Combinators.combine(key, Arbitraries.integers().between(0, 255), seaBytes(5, 5), seaBytes(0, 255),
                        Arbitraries.bytes())
                        .as((k, f, r, i, v) -> new SeaRosterEvent.UserInfo(k, new SetUserInfo(f, r, i, v))),
                Combinators.combine(key, seaBytes(1, 255)).as(SeaRosterEvent.Rename::new),
                Combinators.combine(key, Arbitraries.of(true, false)).as(SeaRosterEvent.Printer::new),
                seaBytes(4, 4).map(SeaRosterEvent.AltServer::new),
                Combinators.combine(nodes(), Arbitraries.longs()).as(SeaRosterEvent.NodeGone::new)));
    }

    @Provide
    Arbitrary<SeaRosterState> states() {
        List<Arbitrary<Object>> parts = List.of(keys().asGeneric(), assignableIds().asGeneric(),
                Arbitraries.of(true, false).asGeneric(), Arbitraries.of(4, 16).flatMap(n -> bytes(n, n)).asGeneric(),
                Arbitraries.integers().between(0, 0xFFFF).asGeneric(), Arbitraries.longs().asGeneric(),
                Arbitraries.longs().asGeneric(), seaBytes(0, 255).asGeneric(), seaBytes(0, 255).asGeneric(),
                Arbitraries.integers().between(0, 255).asGeneric(), seaBytes(5, 5).asGeneric(),
                seaBytes(0, 255).asGeneric(), Arbitraries.bytes().asGeneric(), Arbitraries.of(true, false).asGeneric(),
                Arbitraries.of(true, false).asGeneric());
        Arbitrary<SeaRosterState.Session> session = Combinators.combine(parts)
                .as(v -> new SeaRosterState.Session((SeaSessionKey) v.get(0), (Integer) v.get(1), (Boolean) v.get(2),
                        (byte[]) v.get(3), (Integer) v.get(4), (Long) v.get(5), (Long) v.get(6), (SeaBytes) v.get(7),
                        (SeaBytes) v.get(8), (Integer) v.get(9), (SeaBytes) v.get(10), (SeaBytes) v.get(11),
                        (Byte) v.get(12), (Boolean) v.get(13), (Boolean) v.get(14)));
        return Combinators.combine(session.list().ofMaxSize(8),
                        assignableIds().set().ofMaxSize(20).map(ids -> ids.stream().mapToInt(Integer::intValue).sorted()
                                .toArray()),
                        Arbitraries.integers().between(0, 65534))
                .as(SeaRosterState::new);
    }

    private static Arbitrary<Integer> assignableIds() {
        return Arbitraries.oneOf(List.of(Arbitraries.integers().between(1, 999),
                Arbitraries.integers().between(2001, 65534)));
    }

    private static Arbitrary<SeaSessionKey> keys() {
        return Combinators.combine(nodes(), Arbitraries.longs(), Arbitraries.longs()).as(SeaSessionKey::new);
    }

    private static Arbitrary<String> nodes() {
        return Arbitraries.strings().withChars("abcxyz0123456789.-_").ofMinLength(0).ofMaxLength(128);
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    private static Arbitrary<SeaBytes> seaBytes(int min, int max) {
        return bytes(min, max).map(SeaBytes::of);
    }
}
