package dev.switchboard.bridge.service;

/**
 * What a browser is shown of a SEA message's text bytes. Legacy SEA clients display the text up to its first zero
 * byte (what follows is an RTF version or an attachment), so the bridge does the same; a text that is itself an
 * RTF document is shown as its plain text. Bytes the charset does not define become U+FFFD, never disappear.
 */
public final class SeaMessageText {

    private final SeaCharsetText charset;
    private final RtfPlainText rtf;

    public SeaMessageText(SeaCharsetText charset) {
        this.charset = charset;
        this.rtf = new RtfPlainText(charset);
    }

    /** The readable text of {@code text} (the message's {@code msglen} bytes). */
    public SeaCharsetText.Decoded plainText(byte[] text) {
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        SeaCharsetText.Decoded decoded = charset.toUnicode(text, 0, end);
        if (RtfPlainText.isRtf(decoded.text())) {
            return new SeaCharsetText.Decoded(rtf.toPlain(decoded.text()), decoded.replaced());
        }
        return decoded;
    }
}
