package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.support.FakeSeaLink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SeaLinkOutbound}: one delivery per message, one attachment per link kind, always finished. */
class SeaLinkOutboundTest {

    /** A link kind that encodes: counts how often its shared form is made and finished. */
    private static final class EncodingLink extends FakeSeaLink {
        static final SeaDelivery.Kind<Shared> KIND = new SeaDelivery.Kind<>(Shared.class);
        final List<Shared> made;

        EncodingLink(List<Shared> made) {
            this.made = made;
        }

        @Override
        public void deliver(SeaDelivery delivery, byte version) {
            delivery.attachment(KIND, d -> {
                Shared shared = new Shared();
                made.add(shared);
                return shared;
            }).recipients.add(version);
        }
    }

    private static final class Shared implements SeaDelivery.Attachment {
        final List<Byte> recipients = new ArrayList<>();
        int finished;

        @Override
        public void finish() {
            finished++;
        }
    }

    private static final ConnectionClass EVERYONE = ConnectionClass.everyAddress(Duration.ofSeconds(30),
            ConnectionClass.UNLIMITED, Duration.ofSeconds(10));

    private static SeaUser user(int id, SeaLink link) {
        return new SeaUser(id, InetAddress.getLoopbackAddress(), "127.0.0.1", 1000 + id, link, EVERYONE,
                FloodPolicy.REFERENCE_DEFAULT.newMeter(EVERYONE, Instant.EPOCH), Instant.EPOCH);
    }

    @Test
    void send_whenRecipientsOfTwoLinkKinds_thenEachKindSharesOneAttachmentFinishedOnceAndOthersReadTheMessage() {
        List<Shared> made = new ArrayList<>();
        EncodingLink a = new EncodingLink(made);
        EncodingLink b = new EncodingLink(made);
        FakeSeaLink virtual = new FakeSeaLink();
        SeaServerMessage.Pong pong = new SeaServerMessage.Pong();

        new SeaLinkOutbound().send(pong, List.of(user(1, a), user(2, virtual), user(3, b)));

        assertThat(made).hasSize(1);
        assertThat(made.get(0).recipients).hasSize(2);
        assertThat(made.get(0).finished).isEqualTo(1);
        assertThat(virtual.delivered).containsExactly(pong);
    }

    @Test
    void send_whenARecipientFails_thenWhatWasCollectedIsStillFinished() {
        List<Shared> made = new ArrayList<>();
        EncodingLink first = new EncodingLink(made);
        FakeSeaLink failing = new FakeSeaLink() {
            @Override
            public void deliver(SeaDelivery delivery, byte version) {
                throw new IllegalArgumentException("cannot encode for this version");
            }
        };

        assertThatThrownBy(() -> new SeaLinkOutbound().send(new SeaServerMessage.Pong(),
                List.of(user(1, first), user(2, failing)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).finished).isEqualTo(1);
    }
}
