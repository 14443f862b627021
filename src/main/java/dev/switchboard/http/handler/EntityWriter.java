package dev.switchboard.http.handler;

import dev.switchboard.http.service.StaticReply;
import dev.switchboard.http.service.StaticResource;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
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
 * Writes a file's bytes after its response headers: a zero-copy {@link DefaultFileRegion} when the
 * bytes come from a file and nothing in the pipeline has to see them (no TLS), otherwise
 * {@link HttpChunkedInput} pieces through the chunked writer. Always sends Content-Length, never
 * chunked transfer coding.
 */
final class EntityWriter {

    /** Size of each piece of a streamed body. */
    static final int CHUNK_SIZE = 16 * 1024;

    private EntityWriter() {
    }

    /**
     * Opens the body, then writes headers and body. Opening comes first so that a file that
     * vanished since the lookup fails with an IOException before any header is on the wire.
     * Runs on the channel's event loop.
     */
    static void write(ChannelHandlerContext ctx, StaticReply.Entity entity) throws IOException {
        Object body = entity.headOnly() || entity.length() == 0 ? null : openBody(ctx, entity);
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(entity.status()));
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
