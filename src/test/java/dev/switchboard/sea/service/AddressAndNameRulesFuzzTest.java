package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property tests of the SEA address and name rules: CIDR parsing and matching ({@link Ipv4Cidr}), the ban
 * list built on it ({@link BanList}, connection classes) and the blacklist glob ({@link NameBlacklist})
 * against an independent regular-expression model.
 */
class AddressAndNameRulesFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    // --- Ipv4Cidr ---

    @Property
    void cidr_whenCanonicalText_thenParsesBackToTheSameBlock(@ForAll int address,
            @ForAll @IntRange(max = 32) int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        Ipv4Cidr block = new Ipv4Cidr(address & mask, prefix);
        assertThat(Ipv4Cidr.parse(block.toString())).isEqualTo(block);
        assertThat(Ipv4Cidr.parse(Ipv4Cidr.dottedQuad(address) + "/" + prefix)).isEqualTo(block);
    }

    @Property
    void cidr_whenAnyAddress_thenContainedExactlyWhenTheNetworkBitsAgree(@ForAll int network,
            @ForAll @IntRange(max = 32) int prefix, @ForAll int address) throws UnknownHostException {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        Ipv4Cidr block = new Ipv4Cidr(network & mask, prefix);
        boolean expected = ((address ^ network) & mask) == 0;
        assertThat(block.contains(address)).isEqualTo(expected);
        assertThat(block.contains(inet(address))).isEqualTo(expected);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(inet(address).getAddress(), 0, mapped, 12, 4);
        // Java turns ::ffff:a.b.c.d into an Inet4Address itself; the rule holds either way.
        assertThat(block.contains(InetAddress.getByAddress(mapped))).isEqualTo(expected);
    }

    @Property
    void cidr_whenAnyText_thenBlockOrIllegalArgumentOnly(@ForAll("cidrTexts") String text) {
        try {
            Ipv4Cidr block = Ipv4Cidr.parse(text);
            assertThat(Ipv4Cidr.parse(block.toString())).isEqualTo(block);
            assertThat(text).matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}(/(0|[1-9][0-9]?))?");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(200);
        }
    }

    @Property
    void connectionClass_whenAnyText_thenClassOrIllegalArgumentOnly(@ForAll("cidrTexts") String block,
            @ForAll("numbers") String login, @ForAll("numbers") String conns, @ForAll("numbers") String penalty) {
        String text = block + ":" + login + ":" + conns + ":" + penalty;
        try {
            ConnectionClass.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    // --- BanList ---

    @Property
    void banList_whenBlocksBanned_thenAddressBannedExactlyWhenSomeActiveBlockContainsIt(
            @ForAll("blocks") List<Ipv4Cidr> blocks, @ForAll int address, @ForAll @IntRange(min = 1, max = 7200) int seconds,
            @ForAll @IntRange(max = 7200) int later) throws UnknownHostException {
        BanList bans = new BanList(Duration.ofMinutes(10), Duration.ofSeconds(1));
        for (Ipv4Cidr block : blocks) {
            bans.add(block, Duration.ofSeconds(seconds), NOW);
        }
        Instant at = NOW.plusSeconds(later);
        boolean contained = blocks.stream().anyMatch(b -> b.contains(address));
        assertThat(bans.isBanned(inet(address), at)).isEqualTo(contained && later < seconds);

        for (Ipv4Cidr block : blocks) {
            bans.remove(block);
        }
        assertThat(bans.isBanned(inet(address), NOW)).isFalse();
        assertThat(bans.size()).isZero();
    }

    // --- NameBlacklist ---

    @Property
    void glob_whenPatternOfTokens_thenMatchesLikeTheRegexModel(@ForAll("globs") List<String[]> tokens,
            @ForAll("names") byte[] name) {
        StringBuilder glob = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        for (String[] token : tokens) {
            glob.append(token[0]);
            regex.append(token[1]);
        }
        // ASCII-only case folding, as the reference's C locale: Java's CASE_INSENSITIVE folds ASCII only too.
        boolean expected = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                .matcher(new String(name, StandardCharsets.ISO_8859_1)).matches();
        assertThat(NameBlacklist.globMatches(glob.toString(), name, NameBlacklist.CaseFolding.ASCII))
                .as("pattern %s, regex %s", glob, regex).isEqualTo(expected);
    }

    @Property
    void glob_whenEveryByteEscaped_thenMatchesOnlyThatNameIgnoringAsciiCase(@ForAll("asciiNames") byte[] literal,
            @ForAll("names") byte[] other) {
        StringBuilder pattern = new StringBuilder();
        for (byte b : literal) {
            pattern.append('\\').append((char) b);
        }
        assertThat(NameBlacklist.globMatches(pattern.toString(), literal, NameBlacklist.CaseFolding.ASCII)).isTrue();
        boolean same = new String(other, StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase(new String(literal, StandardCharsets.ISO_8859_1))
                && isAscii(other);
        assertThat(NameBlacklist.globMatches(pattern.toString(), other, NameBlacklist.CaseFolding.ASCII))
                .isEqualTo(same);
    }

    @Property
    void blacklist_whenAnyPatternText_thenAddedAndRemovableOrRefused(@ForAll("patternTexts") String pattern,
            @ForAll("names") byte[] name) {
        NameBlacklist list = new NameBlacklist();
        boolean added;
        try {
            added = list.add(pattern);
        } catch (IllegalArgumentException refused) {
            assertThatThrownBy(() -> NameBlacklist.globMatches(pattern, name, NameBlacklist.CaseFolding.ASCII))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(added).isTrue();
        assertThat(list.matches(name)).isEqualTo(NameBlacklist.globMatches(pattern, name, NameBlacklist.CaseFolding.ASCII));
        assertThat(list.remove(pattern)).isTrue();
        assertThat(list.list()).isEmpty();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress inet(int address) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16),
                (byte) (address >>> 8), (byte) address});
    }

    // --- generators ---

    @Provide
    Arbitrary<List<Ipv4Cidr>> blocks() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
                .as((a, p) -> new Ipv4Cidr(a & (p == 0 ? 0 : -1 << (32 - p)), p)).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> cidrTexts() {
        Arbitrary<String> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.of("", "00", "010", "-1", "1e2", "0x1", " 1", "٣"));
        Arbitrary<String> quad = octet.list().ofMinSize(1).ofMaxSize(5).map(o -> String.join(".", o));
        Arbitrary<String> prefix = Arbitraries.oneOf(Arbitraries.integers().between(-1, 40).map(p -> "/" + p),
                Arbitraries.of("", "/", "/08", "/3 2", ":80", "/24/8"));
        return Arbitraries.oneOf(Combinators.combine(quad, prefix).as(String::concat),
                Arbitraries.strings().withChars("0123456789./:x ").ofMaxLength(24));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-5, 100_000).map(String::valueOf),
                Arbitraries.of("", "x", "99999999999999999999", "1.5"));
    }

    @Provide
    Arbitrary<byte[]> names() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                Arbitraries.strings().withChars("abcABC-_[]!^*?\\.").ofMaxLength(12)
                        .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Provide
    Arbitrary<byte[]> asciiNames() {
        return Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<String> patternTexts() {
        return Arbitraries.strings().withChars("abcAB*?[]!^-\\;%./\u0000é€ж").ofMinLength(0).ofMaxLength(16);
    }

    /** Glob tokens paired with the regular expression each means: {@code [glob, regex]}. */
    @Provide
    Arbitrary<List<String[]>> globs() {
        Arbitrary<String[]> literal = Arbitraries.of('a', 'b', 'C', '-', '.', '_', '!', '^', ']', '/')
                .map(c -> new String[] {String.valueOf(c), Pattern.quote(String.valueOf(c))});
        Arbitrary<String[]> escaped = Arbitraries.of('*', '?', '[', '\\', 'a')
                .map(c -> new String[] {"\\" + c, Pattern.quote(String.valueOf(c))});
        Arbitrary<String[]> any = Arbitraries.just(new String[] {"?", "."});
        Arbitrary<String[]> star = Arbitraries.just(new String[] {"*", ".*"});
        Arbitrary<String[]> set = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of("a", "b", "c-e", "0-9", "B-D", "_", ".").list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, false))
                .as((negate, members, dash) -> {
                    // A '-' is a member only first or last; it goes last here so it never forms a range.
                    StringBuilder g = new StringBuilder(negate ? "[!" : "[");
                    StringBuilder r = new StringBuilder(negate ? "[^" : "[");
                    for (String m : members) {
                        g.append(m);
                        r.append(m.length() == 3 || Character.isLetterOrDigit(m.charAt(0)) ? m : "\\" + m);
                    }
                    if (dash) {
                        g.append('-');
                        r.append("\\-");
                    }
                    return new String[] {g.append(']').toString(), r.append(']').toString()};
                });
        return Arbitraries.oneOf(literal, escaped, any, star, set).list().ofMinSize(1).ofMaxSize(6);
    }
}
