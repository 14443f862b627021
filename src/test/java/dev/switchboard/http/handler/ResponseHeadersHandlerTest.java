package dev.switchboard.http.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.support.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Date and Server stamp, with the Date value formatted once per second. */
class ResponseHeadersHandlerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:03.250Z"));
    private final ResponseHeadersHandler handler = new ResponseHeadersHandler(clock);

    @Test
    void date_whenSameSecond_thenSameFormattedValueReused() {
        Object first = handler.date();
        clock.advance(Duration.ofMillis(749));
        assertThat((Object) handler.date()).isSameAs(first);
        assertThat(first.toString()).isEqualTo("Mon, 23 Nov 2026 09:00:03 GMT");
    }

    @Test
    void date_whenNextSecond_thenNewValue() {
        Object first = handler.date();
        clock.advance(Duration.ofMillis(750));
        Object second = handler.date();
        assertThat(second).isNotSameAs(first);
        assertThat(second.toString()).isEqualTo("Mon, 23 Nov 2026 09:00:04 GMT");
    }

    @Test
    void date_whenClockGoesBack_thenValueFollowsIt() {
        handler.date();
        clock.set(Instant.parse("2026-11-23T08:59:59.999Z"));
        assertThat(handler.date().toString()).isEqualTo("Mon, 23 Nov 2026 08:59:59 GMT");
    }

    @Test
    void write_whenResponse_thenDateAndServerSet() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        FullHttpResponse response = ch.readOutbound();
        try {
            assertThat(response.headers().get(HttpHeaderNames.DATE)).isEqualTo("Mon, 23 Nov 2026 09:00:03 GMT");
            assertThat(response.headers().get(HttpHeaderNames.SERVER)).isEqualTo("Switchboard");
        } finally {
            response.release();
        }
        assertFalse(ch.finish());
    }
}
