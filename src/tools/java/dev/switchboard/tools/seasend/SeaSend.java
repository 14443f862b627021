package dev.switchboard.tools.seasend;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code seasend}: a one-shot SEA client that logs in, sends one message (optionally with an RTF part and
 * an attachment) to a user, the group or the printers, and prints every server message until the server
 * has processed it. Completion is detected with a trailing PING: frames are processed in order (§2.2),
 * so its PONG means the message went through, and the connection is closed only then — never right after
 * writing, which is what loses data on the reference (§18.3).
 */
public final class SeaSend {

    private final PrintStream out;
    private final PrintStream err;

    private SeaSend(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs seasend; returns the exit status (0 success, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SeaSendOptions options;
        try {
            options = SeaSendOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("seasend: " + e.getMessage());
            err.println("Try 'seasend --help' for more information.");
            return 1;
        }
        if (options.help()) {
            out.print(SeaSendOptions.USAGE);
            return 0;
        }
        return new SeaSend(out, err).send(options);
    }

    private int send(SeaSendOptions o) {
        byte[] frames;
        String summary;
        try {
            MessagePayload payload = payload(o);
            int version = o.sendUserInfo() ? o.version() : 0;
            byte[] message = SeaClientFrames.sendMessage(o.destination(), o.flags(), payload.text(), payload.payload(),
                    version);
            ByteArrayOutputStream all = new ByteArrayOutputStream(message.length + 600);
            all.writeBytes(SeaClientFrames.login(encode(o.user(), o), encode(o.computer(), o)));
            if (o.sendUserInfo()) {
                all.writeBytes(SeaClientFrames.setUserInfo(o.faculty(), encode(o.room(), o), encode(o.info(), o),
                        o.version()));
            }
            all.writeBytes(message);
            all.writeBytes(SeaClientFrames.ping());
            frames = all.toByteArray();
            boolean big = payload.payload().length > SeaClientFrames.MAX_MSGLEN;
            summary = "> MESSAGE to " + destination(o.destination()) + ": " + payload.payload().length + " bytes"
                    + (big ? " (v102 big message, " + payload.text().length + " bytes of text)" : "");
        } catch (IllegalArgumentException e) {
            err.println("seasend: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("seasend: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("seasend: cannot read input: " + e);
            return 1;
        }
        return exchange(o, frames, summary);
    }

    private int exchange(SeaSendOptions o, byte[] frames, String summary) {
        int timeoutMillis = (int) o.timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(o.host(), o.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            out.println("> LOGIN " + o.user() + "[" + o.computer() + "]"
                    + (o.sendUserInfo() ? ", client version " + o.version() : ", no user info (version 0)"));
            out.println(summary);
            OutputStream os = socket.getOutputStream();
            os.write(frames);
            os.flush();
            SeaServerReader reader = new SeaServerReader(new BufferedInputStream(socket.getInputStream()),
                    o.sendUserInfo() ? o.version() : 0);
            ServerMessageText text = new ServerMessageText(o.charset());
            while (true) {
                SeaServerMessage message = reader.next();
                if (message == null) {
                    err.println("seasend: the server closed the connection before answering the PING "
                            + "(banned, blacklisted, flood-killed or a malformed frame?)");
                    return 1;
                }
                out.println("< " + text.describe(message));
                if (message instanceof SeaServerMessage.Pong) {
                    return 0;
                }
            }
        } catch (SocketTimeoutException e) {
            err.println("seasend: no answer from " + o.host() + ":" + o.port() + " within " + o.timeout().toMillis()
                    + " ms");
        } catch (EOFException e) {
            err.println("seasend: the server closed the connection in the middle of a message: " + e.getMessage());
        } catch (IllegalStateException e) {
            err.println("seasend: cannot parse the server's answer: " + e.getMessage());
        } catch (IOException e) {
            err.println("seasend: " + o.host() + ":" + o.port() + ": " + e);
        }
        return 1;
    }

    private static MessagePayload payload(SeaSendOptions o) throws IOException {
        byte[] text = Files.readAllBytes(o.textFile());
        if (text.length == 0) {
            // §5.3: the server silently drops zero-length messages.
            throw new IllegalArgumentException("text file " + o.textFile() + " is empty; the server would drop it");
        }
        if (text.length > SeaClientFrames.MAX_MSGLEN) {
            throw new IllegalArgumentException("text file " + o.textFile() + " has " + text.length
                    + " bytes; the plain text is limited to 65535 (put more into --rtf or --attach)");
        }
        byte[] rtf = o.rtfFile() == null ? null : Files.readAllBytes(o.rtfFile());
        byte[] name = null;
        long mtime = 0;
        byte[] data = null;
        if (o.attachFile() != null) {
            Path file = o.attachFile();
            data = Files.readAllBytes(file);
            mtime = Files.getLastModifiedTime(file).toMillis() / 1000;
            name = encode(file.getFileName().toString(), o);
        }
        return MessagePayload.of(text, rtf, name, mtime, data);
    }

    /** Encodes command-line text strictly: a character the charset cannot represent is an error, not '?'. */
    private static byte[] encode(String text, SeaSendOptions o) {
        Charset charset = o.charset();
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buf = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOf(buf.array(), buf.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + text + "' cannot be written in " + charset.name()
                    + " (use --charset)");
        }
    }

    private static String destination(int dst) {
        return dst == SeaClientFrames.GROUP ? "group" : dst == SeaClientFrames.PRINTERS ? "printers" : "user " + dst;
    }
}
