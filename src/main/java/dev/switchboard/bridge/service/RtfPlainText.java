package dev.switchboard.bridge.service;

import java.util.Set;

/**
 * The readable text of an RTF document, as SEA clients send it in formatted messages: paragraph and line breaks
 * become newlines, tabs stay tabs, {@code \'hh} escapes are bytes of the message charset, Unicode escapes
 * ({@code \\u} and a number) are characters (their fallback characters skipped as {@code \\uc} says), and every
 * destination that is not body text (font and colour tables, style sheets, document info, pictures,
 * {@code {\*...}} groups) is left out.
 * Unknown control words are ignored, so malformed RTF degrades to its plain characters instead of failing.
 */
public final class RtfPlainText {

    /** Groups whose content is never shown. */
    private static final Set<String> HIDDEN_DESTINATIONS = Set.of("fonttbl", "colortbl", "stylesheet", "info",
            "pict", "header", "footer", "headerl", "headerr", "footerl", "footerr", "object", "listtable",
            "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata", "datastore", "latentstyles");
    /** Deepest group nesting followed; deeper input is read as flat text rather than risking the stack. */
    private static final int MAX_DEPTH = 256;

    private final SeaCharsetText charset;

    public RtfPlainText(SeaCharsetText charset) {
        this.charset = charset;
    }

    /** Whether {@code text} is an RTF document (it starts with the RTF header). */
    public static boolean isRtf(String text) {
        return text.startsWith("{\\rtf");
    }

    /** The plain text of {@code rtf}; trailing newlines are trimmed. */
    public String toPlain(String rtf) {
        StringBuilder out = new StringBuilder(rtf.length() / 2);
        // Per nesting level: is this group hidden, and how many fallback characters follow a \\u escape.
        boolean[] hidden = new boolean[MAX_DEPTH + 1];
        int[] unicodeSkip = new int[MAX_DEPTH + 1];
        unicodeSkip[0] = 1;
        int depth = 0;
        int pendingSkip = 0;
        int i = 0;
        int n = rtf.length();
        while (i < n) {
            char c = rtf.charAt(i);
            if (c == '{') {
                if (depth < MAX_DEPTH) {
                    depth++;
                    hidden[depth] = hidden[depth - 1];
                    unicodeSkip[depth] = unicodeSkip[depth - 1];
                }
                i++;
                if (i + 1 < n && rtf.charAt(i) == '\\' && rtf.charAt(i + 1) == '*') {
                    hidden[depth] = true;
                    i += 2;
                }
                continue;
            }
            if (c == '}') {
                if (depth > 0) {
                    depth--;
                }
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (c != '\\') {
                if (pendingSkip > 0) {
                    pendingSkip--;
                } else if (!hidden[depth]) {
                    out.append(c);
                }
                i++;
                continue;
            }
            // A control symbol or word.
            if (i + 1 >= n) {
                break;
            }
            char next = rtf.charAt(i + 1);
            if (next == '\\' || next == '{' || next == '}') {
                if (pendingSkip > 0) {
                    pendingSkip--;
                } else if (!hidden[depth]) {
                    out.append(next);
                }
                i += 2;
                continue;
            }
            if (next == '\'') {
                int hex = i + 4 <= n ? parseHex(rtf, i + 2) : -1;
                i += hex < 0 ? 2 : 4;
                if (pendingSkip > 0) {
                    pendingSkip--;
                } else if (hex >= 0 && !hidden[depth]) {
                    out.append(charset.toUnicode(new byte[] {(byte) hex}).text());
                }
                continue;
            }
            if (next == '~') {
                appendVisible(out, hidden[depth], ' ');
                i += 2;
                continue;
            }
            if (!Character.isLetter(next)) {
                // Other control symbols (\\-, \\_, \\:, \\|) carry no text.
                i += 2;
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < n && isAsciiLetter(rtf.charAt(end))) {
                end++;
            }
            String word = rtf.substring(start, end);
            int parameterStart = end;
            if (end < n && (rtf.charAt(end) == '-' || Character.isDigit(rtf.charAt(end)))) {
                end++;
                while (end < n && Character.isDigit(rtf.charAt(end)) && end - parameterStart < 11) {
                    end++;
                }
            }
            Integer parameter = parameterStart < end ? parseInt(rtf.substring(parameterStart, end)) : null;
            if (end < n && rtf.charAt(end) == ' ') {
                end++;
            }
            i = end;
            switch (word) {
                case "par", "line", "sect", "page" -> appendVisible(out, hidden[depth], '\n');
                case "tab" -> appendVisible(out, hidden[depth], '\t');
                case "emdash" -> appendVisible(out, hidden[depth], '\u2014');
                case "endash" -> appendVisible(out, hidden[depth], '\u2013');
                case "bullet" -> appendVisible(out, hidden[depth], '\u2022');
                case "lquote" -> appendVisible(out, hidden[depth], '\u2018');
                case "rquote" -> appendVisible(out, hidden[depth], '\u2019');
                case "ldblquote" -> appendVisible(out, hidden[depth], '\u201C');
                case "rdblquote" -> appendVisible(out, hidden[depth], '\u201D');
                case "uc" -> unicodeSkip[depth] = parameter == null ? 1 : Math.max(0, Math.min(parameter, 16));
                case "u" -> {
                    if (parameter != null && !hidden[depth]) {
                        out.append((char) (parameter & 0xFFFF));
                    }
                    pendingSkip = unicodeSkip[depth];
                }
                default -> {
                    if (HIDDEN_DESTINATIONS.contains(word)) {
                        hidden[depth] = true;
                    }
                }
            }
        }
        int length = out.length();
        while (length > 0 && out.charAt(length - 1) == '\n') {
            length--;
        }
        out.setLength(length);
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, boolean hidden, char c) {
        if (!hidden) {
            out.append(c);
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int parseHex(String s, int at) {
        int high = Character.digit(s.charAt(at), 16);
        int low = Character.digit(s.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static Integer parseInt(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }
}
