package dev.switchboard.http.handler;

import dev.switchboard.http.service.StaticReply;
import dev.switchboard.http.service.StaticResource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedFile;
import io.netty.handler.stream.ChunkedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;

/**
 * Writes a file's bytes after its response headers. Content the open-file cache holds in memory
 * goes out as one complete response whose body is a view of the shared cached buffer (nothing is
 * opened, read or copied per request); a file on disk goes as a zero-copy {@link DefaultFileRegion}
 * when nothing in the pipeline has to see its bytes (no TLS); anything else as
 * {@link HttpChunkedInput} pieces through the chunked writer, which is added to the pipeline the
 * first time a connection needs it. Always sends Content-Length, never chunked transfer coding.
 */
final class EntityWriter {

    /** Size of each piece of a streamed body. */
    static final int CHUNK_SIZE = 16 * 1024;

    /**
     * Header maps for responses whose every field value is built here from file metadata and
     * constants, never copied from a request, so per-field validation would only cost time.
     */
    static final HttpHeadersFactory TRUSTED_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private EntityWriter() {
    }

    /**
     * Opens the body, then writes headers and body. Opening comes first so that a file that
     * vanished since the lookup fails with an IOException before any header is on the wire.
     * Runs on the channel's event loop.
     */
    static void write(ChannelHandlerContext ctx, StaticReply.Entity entity) throws IOException {
        HttpResponseStatus status = HttpResponseStatus.valueOf(entity.status());
        if (entity.resource().body() instanceof StaticResource.BytesBody bytes) {
            // The wrapper is unpooled and frees nothing on release: the cache keeps the bytes.
            ByteBuf content = entity.headOnly() || entity.length() == 0 ? Unpooled.EMPTY_BUFFER
                    : Unpooled.wrappedBuffer(bytes.slice(entity.offset(), entity.length()));
            FullHttpResponse response = complete(status, content);
            entity.headers().forEach(response.headers()::set);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            return;
        }
        Object body = entity.headOnly() || entity.length() == 0 ? null : openBody(ctx, entity);
        if (body instanceof HttpChunkedInput) {
            // Added before the headers are written, so headers and pieces queue in it in order.
            StreamedBodyWriter.ensurePresent(ctx.pipeline());
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, TRUSTED_HEADERS);
        entity.headers().forEach(response.headers()::set);
        ctx.write(response);
        if (body instanceof DefaultFileRegion region) {
            ctx.write(region);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else if (body != null) {
            // HttpChunkedInput ends with the LastHttpContent itself.
            ctx.writeAndFlush(body).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /**
     * A complete response with unvalidated headers and no trailer fields: a body with a
     * Content-Length has no trailer section, so no trailer map is allocated for it.
     */
    static FullHttpResponse complete(HttpResponseStatus status, ByteBuf content) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content, TRUSTED_HEADERS.newHeaders(),
                EmptyHttpHeaders.INSTANCE);
    }

    private static Object openBody(ChannelHandlerContext ctx, StaticReply.Entity entity) throws IOException {
        StaticResource.Body source = entity.resource().body();
        if (source instanceof StaticResource.FileBody file) {
            if (ctx.pipeline().get(SslHandler.class) == null) {
                // Opened lazily by Netty and closed once transferred, so queued responses hold no descriptor.
                return new DefaultFileRegion(file.path().toFile(), entity.offset(), entity.length());
            }
            RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "r");
            try {
                return new HttpChunkedInput(new ChunkedFile(raf, entity.offset(), entity.length(), CHUNK_SIZE));
            } catch (IOException | RuntimeException e) {
                raf.close();
                throw e;
            }
        }
        InputStream in = ((StaticResource.StreamBody) source).opener().open();
        try {
            in.skipNBytes(entity.offset());
            return new HttpChunkedInput(new ChunkedStream(new BoundedInputStream(in, entity.length()), CHUNK_SIZE));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
