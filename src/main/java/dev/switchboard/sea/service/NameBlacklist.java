package dev.switchboard.sea.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The name-pattern blacklist of spec §12.2: glob patterns checked against sanitised user and computer names.
 *
 * <p>Pattern syntax is POSIX {@code fnmatch} with only case folding enabled (as the BSD reference uses it):
 * <ul>
 *   <li>{@code *} matches any sequence of bytes, also empty, also {@code /} and a leading {@code .};</li>
 *   <li>{@code ?} matches any one byte;</li>
 *   <li>{@code [...]} matches one byte from a set of bytes and ranges ({@code [a-z0-9_]}); {@code !} or
 *       {@code ^} right after {@code [} negates it; a {@code ]} right after {@code [} (or the negation) is a
 *       member; {@code -} first or last is a member; {@code \} escapes inside the set too; ranges compare
 *       byte values and a reversed range matches nothing; an unterminated {@code [} is an ordinary byte;
 *       POSIX classes such as {@code [:alpha:]} are not supported, as in the BSD reference (their characters
 *       are plain members, so {@code [[:alpha:]]} is the set {@code [:alph} followed by {@code ]});</li>
 *   <li>{@code \x} matches {@code x} literally; a pattern ending in an unescaped {@code \} is rejected
 *       (BSD and GNU {@code fnmatch} treat it differently);</li>
 *   <li>the whole name must match (anchored at both ends).</li>
 * </ul>
 *
 * <p>Names are bytes (Windows-1251 from legacy clients) and patterns are Java strings, so a pattern is
 * encoded to Windows-1251 bytes when added: a Cyrillic pattern then matches Cyrillic names, and a pattern
 * with a character Windows-1251 cannot represent is rejected. Case folding is ASCII-only by default, as in
 * the reference's C locale (§12.2, §16 F36: Cyrillic letters compare exactly); {@link CaseFolding#WINDOWS_1251}
 * also folds the Cyrillic letters of that code page. Folding applies to literals, set members and range ends
 * alike (so {@code [A-Z]} matches lower-case letters too).
 *
 * <p>Patterns are unique strings of at most {@value #MAX_PATTERN_BYTES} bytes, kept in insertion order and
 * removed by exact string. The reference default is an empty list (patterns come from {@code -b} options).
 *
 * <p>Thread-safe: writers synchronise and publish an immutable snapshot through a volatile field, so
 * {@link #matches(byte[])} (called at every login and rename) never blocks.
 */
public final class NameBlacklist {

    /** Longest pattern, in Windows-1251 bytes (§12.2). */
    public static final int MAX_PATTERN_BYTES = 1024;

    /** How letters are compared. */
    public enum CaseFolding {
        /** Only ASCII {@code A–Z} fold to {@code a–z} (the reference's C locale; the default). */
        ASCII,
        /** ASCII plus the Windows-1251 letters (А–Я/а–я, Ё/ё and the other Cyrillic pairs). */
        WINDOWS_1251
    }

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final byte[] ASCII_FOLD = asciiFold();
    private static final byte[] CP1251_FOLD = cp1251Fold();

    private final CaseFolding caseFolding;
    private final byte[] fold;
    private final Object writeLock = new Object();
    /** Immutable; replaced as a whole under {@link #writeLock}. */
    private volatile Map<String, Glob> patterns = Map.of();

    /** Creates an empty blacklist with ASCII-only case folding. */
    public NameBlacklist() {
        this(CaseFolding.ASCII);
    }

    /**
     * Creates an empty blacklist.
     *
     * @param caseFolding how letters are compared
     * @throws IllegalArgumentException if caseFolding is null
     */
    public NameBlacklist(CaseFolding caseFolding) {
        if (caseFolding == null) {
            throw new IllegalArgumentException("case folding must not be null");
        }
        this.caseFolding = caseFolding;
        this.fold = caseFolding == CaseFolding.ASCII ? ASCII_FOLD : CP1251_FOLD;
    }

    /**
     * Creates a blacklist with startup patterns (reference option {@code -b}); duplicates are ignored.
     *
     * @param caseFolding how letters are compared
     * @param initialPatterns patterns in order
     * @throws IllegalArgumentException for the first invalid pattern
     */
    public NameBlacklist(CaseFolding caseFolding, Collection<String> initialPatterns) {
        this(caseFolding);
        if (initialPatterns == null) {
            throw new IllegalArgumentException("initial patterns must not be null");
        }
        initialPatterns.forEach(this::add);
    }

    /**
     * Adds a pattern (reference {@code -b} or USR1 with text; §15 M5).
     *
     * @param pattern the glob pattern, 1 to 1024 bytes in Windows-1251
     * @return true if added, false if exactly this string was already listed
     * @throws IllegalArgumentException if the pattern is null, empty, too long, ends in an unescaped
     *     backslash or is not representable in Windows-1251
     */
    public boolean add(String pattern) {
        Glob glob = compile(pattern, fold);
        synchronized (writeLock) {
            if (patterns.containsKey(pattern)) {
                return false;
            }
            Map<String, Glob> next = new LinkedHashMap<>(patterns);
            next.put(pattern, glob);
            patterns = Collections.unmodifiableMap(next);
            return true;
        }
    }

    /**
     * Removes a pattern by exact string (reference USR2 with text; §15 M5).
     *
     * @param pattern the pattern as it was added
     * @return true if it was listed
     */
    public boolean remove(String pattern) {
        synchronized (writeLock) {
            if (pattern == null || !patterns.containsKey(pattern)) {
                return false;
            }
            Map<String, Glob> next = new LinkedHashMap<>(patterns);
            next.remove(pattern);
            patterns = Collections.unmodifiableMap(next);
            return true;
        }
    }

    /**
     * The patterns in the order they were added.
     *
     * @return an immutable snapshot
     */
    public List<String> list() {
        return List.copyOf(patterns.keySet());
    }

    /**
     * Whether any pattern matches the whole name.
     *
     * @param name a sanitised name (before the leading-space fix, §8.1)
     * @return true on a match
     */
    public boolean matches(byte[] name) {
        return firstMatch(name).isPresent();
    }

    /**
     * The first pattern, in insertion order, that matches the whole name — for the kill log line
     * ("matched blacklisted pattern").
     *
     * @param name a sanitised name (before the leading-space fix, §8.1)
     * @return the pattern, or empty when none matches
     * @throws IllegalArgumentException if the name is null
     */
    public Optional<String> firstMatch(byte[] name) {
        if (name == null) {
            throw new IllegalArgumentException("name to check must not be null");
        }
        for (Map.Entry<String, Glob> entry : patterns.entrySet()) {
            if (entry.getValue().matches(name, fold)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The folding this list was built with.
     *
     * @return the case folding
     */
    public CaseFolding caseFolding() {
        return caseFolding;
    }

    /**
     * Matches one pattern against one name without building a list, with the same rules.
     *
     * @param pattern the glob pattern
     * @param name the name bytes
     * @param caseFolding how letters are compared
     * @return true when the pattern matches the whole name
     * @throws IllegalArgumentException for an invalid pattern
     */
    public static boolean globMatches(String pattern, byte[] name, CaseFolding caseFolding) {
        byte[] table = caseFolding == CaseFolding.WINDOWS_1251 ? CP1251_FOLD : ASCII_FOLD;
        return compile(pattern, table).matches(name, table);
    }

    private static Glob compile(String pattern, byte[] fold) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("blacklist pattern must not be empty");
        }
        byte[] bytes = encode(pattern);
        if (bytes.length > MAX_PATTERN_BYTES) {
            throw new IllegalArgumentException("blacklist pattern is " + bytes.length + " bytes; at most "
                    + MAX_PATTERN_BYTES + " are allowed");
        }
        return Glob.compile(bytes, fold);
    }

    private static byte[] encode(String pattern) {
        CharsetEncoder encoder = WINDOWS_1251.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(pattern));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            // a silent '?' replacement would turn the character into a wildcard, so refuse instead
            CharsetEncoder probe = WINDOWS_1251.newEncoder();
            int bad = pattern.codePoints().filter(cp -> !probe.canEncode(new String(Character.toChars(cp))))
                    .findFirst().orElse('?');
            throw new IllegalArgumentException(String.format("blacklist pattern contains '%s' (U+%04X), which "
                    + "names in Windows-1251 cannot contain", new String(Character.toChars(bad)), bad), e);
        }
    }

    private static byte[] asciiFold() {
        byte[] table = identity();
        for (int c = 'A'; c <= 'Z'; c++) {
            table[c] = (byte) (c + ('a' - 'A'));
        }
        return table;
    }

    private static byte[] cp1251Fold() {
        byte[] table = asciiFold();
        CharsetDecoder decoder = WINDOWS_1251.newDecoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                .onMalformedInput(CodingErrorAction.REPORT);
        CharsetEncoder encoder = WINDOWS_1251.newEncoder();
        for (int b = 0x80; b <= 0xff; b++) {
            try {
                char c = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).get();
                char lower = Character.toLowerCase(c);
                if (lower != c && encoder.canEncode(lower)) {
                    table[b] = encoder.encode(CharBuffer.wrap(new char[] {lower})).get();
                }
            } catch (CharacterCodingException e) {
                // 0x98 is unassigned in Windows-1251: it folds to itself
            }
        }
        return table;
    }

    private static byte[] identity() {
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) i;
        }
        return table;
    }

    /** A compiled pattern: one token per pattern position, each matching exactly one byte or, for STAR, any run. */
    private record Glob(Token[] tokens) {

        static Glob compile(byte[] p, byte[] fold) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < p.length) {
                int c = p[i] & 0xff;
                if (c == '*') {
                    if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != Token.STAR) {
                        tokens.add(Token.STAR);
                    }
                    i++;
                } else if (c == '?') {
                    tokens.add(Token.ANY);
                    i++;
                } else if (c == '[') {
                    boolean[] members = new boolean[256];
                    int end = parseSet(p, i + 1, fold, members);
                    if (end < 0) {
                        tokens.add(Token.literal(c, fold));
                        i++;
                    } else {
                        tokens.add(Token.set(members));
                        i = end + 1;
                    }
                } else if (c == '\\') {
                    if (i + 1 >= p.length) {
                        // BSD and GNU fnmatch disagree on this case, so refuse it rather than guess
                        throw new IllegalArgumentException("blacklist pattern ends with an unescaped '\\'; "
                                + "write '\\\\' to match a backslash");
                    }
                    tokens.add(Token.literal(p[i + 1] & 0xff, fold));
                    i += 2;
                } else {
                    tokens.add(Token.literal(c, fold));
                    i++;
                }
            }
            return new Glob(tokens.toArray(Token[]::new));
        }

        /**
         * Parses a bracket expression starting just after {@code [}; fills {@code members} (indexed by the
         * unfolded name byte) and returns the index of the closing {@code ]}, or -1 if there is none.
         */
        private static int parseSet(byte[] p, int start, byte[] fold, boolean[] members) {
            int j = start;
            boolean negate = false;
            if (j < p.length && (p[j] == '!' || p[j] == '^')) {
                negate = true;
                j++;
            }
            boolean[] foldedMembers = new boolean[256];
            boolean first = true;
            while (true) {
                if (j >= p.length) {
                    return -1;
                }
                int c = p[j] & 0xff;
                if (c == ']' && !first) {
                    break;
                }
                first = false;
                if (c == '\\') {
                    if (j + 1 >= p.length) {
                        return -1;
                    }
                    c = p[j + 1] & 0xff;
                    j += 2;
                } else {
                    j++;
                }
                if (j + 1 < p.length && p[j] == '-' && p[j + 1] != ']') {
                    int c2 = p[j + 1] & 0xff;
                    j += 2;
                    if (c2 == '\\') {
                        if (j >= p.length) {
                            return -1;
                        }
                        c2 = p[j] & 0xff;
                        j++;
                    }
                    int low = fold[c] & 0xff;
                    int high = fold[c2] & 0xff;
                    for (int x = low; x <= high; x++) {
                        foldedMembers[x] = true;
                    }
                } else {
                    foldedMembers[fold[c] & 0xff] = true;
                }
            }
            for (int b = 0; b < 256; b++) {
                members[b] = foldedMembers[fold[b] & 0xff] != negate;
            }
            return j;
        }

        boolean matches(byte[] name, byte[] fold) {
            int pi = 0;
            int si = 0;
            int starAt = -1;
            int starResume = 0;
            // greedy scan with back-tracking to the last '*': enough for globs whose other tokens are one byte
            while (si < name.length) {
                if (pi < tokens.length) {
                    Token t = tokens[pi];
                    if (t == Token.STAR) {
                        starAt = pi++;
                        starResume = si;
                        continue;
                    }
                    if (t.matches(name[si] & 0xff, fold)) {
                        pi++;
                        si++;
                        continue;
                    }
                }
                if (starAt < 0) {
                    return false;
                }
                pi = starAt + 1;
                si = ++starResume;
            }
            while (pi < tokens.length && tokens[pi] == Token.STAR) {
                pi++;
            }
            return pi == tokens.length;
        }
    }

    /** What one pattern position matches. */
    private enum Kind { STAR, ANY, LITERAL, SET }

    /**
     * One pattern position: {@code literal} is the folded byte for LITERAL, {@code members} the
     * per-byte answer (indexed by the unfolded name byte) for SET.
     */
    private static final class Token {

        static final Token STAR = new Token(Kind.STAR, -1, null);
        static final Token ANY = new Token(Kind.ANY, -1, null);

        private final Kind kind;
        private final int literal;
        private final boolean[] members;

        private Token(Kind kind, int literal, boolean[] members) {
            this.kind = kind;
            this.literal = literal;
            this.members = members;
        }

        static Token literal(int b, byte[] fold) {
            return new Token(Kind.LITERAL, fold[b] & 0xff, null);
        }

        static Token set(boolean[] members) {
            return new Token(Kind.SET, -1, members);
        }

        boolean matches(int b, byte[] fold) {
            return switch (kind) {
                case ANY -> true;
                case LITERAL -> (fold[b] & 0xff) == literal;
                case SET -> members[b];
                case STAR -> false;
            };
        }
    }
}
