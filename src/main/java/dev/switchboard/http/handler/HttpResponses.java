package dev.switchboard.http.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the small HTML error and redirect responses every HTTP stage answers with. */
final class HttpResponses {

    private static final String HTML = "text/html; charset=utf-8";

    private HttpResponses() {
    }

    /**
     * A complete response with a short HTML body naming the status. {@code Content-Length} is
     * always the body's length; with {@code headOnly} (a HEAD request) the body itself is left
     * out. {@code close} adds {@code Connection: close}, which the keep-alive stage honours.
     */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, boolean headOnly,
                                  boolean close, Map<String, String> extraHeaders) {
        String text = status.code() + " " + status.reasonPhrase();
        byte[] body = ("<!DOCTYPE html>\n<html><head><title>" + text + "</title></head><body><h1>" + text
                + "</h1></body></html>\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf content = headOnly ? Unpooled.EMPTY_BUFFER : alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HTML)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        extraHeaders.forEach(response.headers()::set);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** {@link #error} without extra headers. */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, boolean headOnly, boolean close) {
        return error(alloc, status, headOnly, close, Map.of());
    }
}
