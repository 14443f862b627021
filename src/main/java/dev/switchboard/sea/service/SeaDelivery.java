package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaServerMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One server message on its way to its recipients, handed to each recipient's {@link SeaLink#deliver}. A link
 * kind that encodes messages (a SEA socket) keeps its encoded form in an {@link Attachment} of its own
 * {@link Kind}: the first link of that kind makes it, the others reuse it, so the message is encoded once per
 * transport however many recipients it has (§9.5). A link that is not a socket reads {@link #message()}.
 * {@link #finish()} then ends every attachment (queues what was collected, releases shared buffers).
 *
 * <p>Confined to the roster executor, used for one message.
 */
public final class SeaDelivery {

    private final SeaServerMessage message;
    private final int recipients;
    private final List<Kind<?>> kinds = new ArrayList<>(1);
    private final List<Attachment> attachments = new ArrayList<>(1);

    public SeaDelivery(SeaServerMessage message, int recipients) {
        this.message = message;
        this.recipients = recipients;
    }

    public SeaServerMessage message() {
        return message;
    }

    /** How many recipients the message has in all (a broadcast is timed only when more than one). */
    public int recipients() {
        return recipients;
    }

    /** The attachment of {@code kind}, made by {@code create} for the first link of that kind. */
    public <T extends Attachment> T attachment(Kind<T> kind, Function<SeaDelivery, T> create) {
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == kind) {
                return kind.type.cast(attachments.get(i));
            }
        }
        T made = create.apply(this);
        kinds.add(kind);
        attachments.add(made);
        return made;
    }

    /** Ends every attachment, each even when an earlier one failed. */
    public void finish() {
        RuntimeException failure = null;
        for (Attachment attachment : attachments) {
            try {
                attachment.finish();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        attachments.clear();
        kinds.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** What one link kind keeps per delivery. */
    public interface Attachment {
        /** All recipients have been given the delivery: send what was collected, release what was shared. */
        void finish();
    }

    /**
     * Names one kind of attachment; compared by identity, so each link kind holds one constant.
     *
     * @param <T> the attachment's type
     */
    public static final class Kind<T extends Attachment> {
        private final Class<T> type;

        public Kind(Class<T> type) {
            this.type = type;
        }

        @Override
        public String toString() {
            return "SeaDelivery.Kind(" + type.getSimpleName() + ")";
        }
    }
}
