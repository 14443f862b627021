package dev.switchboard.bridge;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.Charset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bridge between the SEA group and one WebSocket room ({@code switchboard.bridge}).
 *
 * @param enabled          whether the SEA group and {@code room} are one conversation
 * @param room             the room mirrored with the SEA group; it exists while any SEA user is logged in
 * @param seaCharset       how SEA's 8-bit names and texts map to and from Unicode; a single-byte charset
 * @param webComputerName  the computer name SEA users see for browser members
 * @param maxPiecesPerMessage how many room messages one long SEA message may become; the last piece of a longer
 *                         text ends with " […]"
 */
@ConfigurationProperties("switchboard.bridge")
@Validated
public record BridgeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("sea") @NotEmpty @Size(max = 64) String room,
        @DefaultValue("windows-1251") @NotNull Charset seaCharset,
        @DefaultValue("web") @NotEmpty @Size(max = 255) String webComputerName,
        @DefaultValue("4") @Min(1) @Max(64) int maxPiecesPerMessage) {

    /** SEA strings are bytes: one byte per character. */
    @AssertTrue(message = "sea-charset must be a single-byte charset (windows-1251, koi8-r, iso-8859-5, ...)")
    public boolean isSeaCharsetSingleByte() {
        return seaCharset == null || seaCharset.canEncode() && seaCharset.newEncoder().maxBytesPerChar() == 1.0f;
    }

    /** The computer name must survive SEA's login sanitising unchanged, so what users see is what is configured. */
    @AssertTrue(message = "web-computer-name must be encodable in sea-charset and hold no control characters or "
            + "angle brackets")
    public boolean isWebComputerNameMappable() {
        if (webComputerName == null || seaCharset == null || !isSeaCharsetSingleByte()) {
            return true;
        }
        return seaCharset.newEncoder().canEncode(webComputerName)
                && webComputerName.chars().noneMatch(c -> c < 0x20 || c == '<' || c == '>' || c == 0x7f);
    }
}
