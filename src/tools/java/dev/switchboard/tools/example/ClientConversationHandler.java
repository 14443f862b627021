package dev.switchboard.tools.example;

import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.example.codec.MessageSerializer;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.message.ExampleMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * The client's terminal stage: prints each line, answers through {@link ExampleClientConversation},
 * and on BYE completes {@code done} (before closing, so the reconnector sees the end) and closes.
 */
final class ClientConversationHandler extends ChannelInboundHandlerAdapter {

    private final ExampleClientConversation conversation = new ExampleClientConversation();
    private final CompletableFuture<Integer> done;
    private final PrintStream out;

    ClientConversationHandler(CompletableFuture<Integer> done, PrintStream out) {
        this.done = done;
        this.out = out;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MalformedInput bad) {
            out.println("ignoring unparsable line from server: " + bad.reason().tag() + " (" + bad.detail() + ")");
            if (bad.reason() instanceof ExampleCloseReason reason && reason.closes()) {
                ctx.close();
            }
            return;
        }
        ExampleMessage message = (ExampleMessage) msg;
        // Received names need not follow the sender rules, so print without the serializer's checks.
        out.println("< " + message.command() + (message.parameters().isEmpty() ? "" : " " + message.parameters()));
        ClientAction action = conversation.onMessage(message);
        if (action instanceof ClientAction.Send send) {
            out.println("> " + MessageSerializer.serialize(send.message()));
            ctx.writeAndFlush(send.message());
        } else if (action instanceof ClientAction.Finish) {
            out.println("server said BYE: closing and exiting");
            done.complete(0);
            ctx.close();
        } else if (action instanceof ClientAction.LogOnly note) {
            out.println("not answering: " + note.note());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        out.println("connection error: " + cause);
        ctx.close();
    }
}
