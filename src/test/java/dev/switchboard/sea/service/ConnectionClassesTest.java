package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConnectionClassesTest {

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    private final ConnectionClasses classes = ConnectionClasses.parse(List.of(
            "192.168.0.0/24:7:2:180",
            "192.168.0.0/16:60:4:20",
            "10.0.0.9:5:1:10"), ConnectionClass.REFERENCE_DEFAULT);

    @Test
    void forAddress_whenSeveralBlocksContainIt_thenFirstInOrderWins() throws UnknownHostException {
        assertThat(classes.forAddress(ip("192.168.0.77"))).hasToString("192.168.0.0/24:7:2:180");
        assertThat(classes.forAddress(ip("192.168.1.77"))).hasToString("192.168.0.0/16:60:4:20");
        assertThat(classes.forAddress(ip("10.0.0.9"))).hasToString("10.0.0.9:5:1:10");
    }

    @Test
    void forAddress_whenNarrowerBlockListedLater_thenEarlierWiderBlockStillWins() throws UnknownHostException {
        ConnectionClasses widerFirst = withReferenceDefault(List.of(
                ConnectionClass.parse("192.168.0.0/16:60:4:20"),
                ConnectionClass.parse("192.168.0.0/24:7:2:180")));

        assertThat(widerFirst.forAddress(ip("192.168.0.77")).loginTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void forAddress_whenNoBlockMatches_thenFallback() throws UnknownHostException {
        assertThat(classes.forAddress(ip("10.0.0.8"))).isSameAs(ConnectionClass.REFERENCE_DEFAULT);
        assertThat(classes.forAddress(ip("::1"))).isSameAs(ConnectionClass.REFERENCE_DEFAULT);
        assertThat(classes.forAddress((InetAddress) null)).isSameAs(ConnectionClass.REFERENCE_DEFAULT);
    }

    @Test
    void forAddress_whenIpv4MappedIpv6_thenMatchedAsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 9};

        assertThat(classes.forAddress(Inet6Address.getByAddress(null, mapped, null)).maxConnections()).isEqualTo(1);
    }

    @Test
    void forAddress_whenHostBitsTypedInClass_thenClassStillMatches() throws UnknownHostException {
        // F23: the reference never matches such a class; we normalise it
        ConnectionClasses withHostBits = withReferenceDefault(
                List.of(ConnectionClass.parse("10.1.1.7/24:9:3:10")));

        assertThat(withHostBits.forAddress(ip("10.1.1.200")).loginTimeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void fallback_whenConfigured_thenUsedForUnmatched() throws UnknownHostException {
        ConnectionClass fallback = ConnectionClass.everyAddress(Duration.ofSeconds(45), 3, Duration.ofSeconds(15));
        ConnectionClasses custom = new ConnectionClasses(List.of(), fallback);

        assertThat(custom.forAddress(ip("8.8.8.8"))).isSameAs(fallback);
        assertThat(custom.fallback()).isSameAs(fallback);
        assertThat(custom.classes()).isEmpty();
    }

    @Test
    void new_whenFallbackNotCatchAll_thenIllegalArgument() {
        assertThatThrownBy(() -> new ConnectionClasses(List.of(), ConnectionClass.parse("10.0.0.0/8:1:1:10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must cover every address");
        assertThatThrownBy(() -> new ConnectionClasses(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_whenListNullOrHasNull_thenIllegalArgument() {
        assertThatThrownBy(() -> new ConnectionClasses(null, ConnectionClass.REFERENCE_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without null elements");
        assertThatThrownBy(() -> new ConnectionClasses(Arrays.asList((ConnectionClass) null),
                ConnectionClass.REFERENCE_DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionClasses.parse(null, ConnectionClass.REFERENCE_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_whenOneClassMalformed_thenFatalIllegalArgument() {
        assertThatThrownBy(() -> ConnectionClasses.parse(List.of("10.0.0.0/8:1:1:10", "bogus"),
                ConnectionClass.REFERENCE_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid connection class 'bogus'");
    }

    @Test
    void classes_whenSourceListChanged_thenTableUnchangedAndImmutable() {
        List<ConnectionClass> source = new ArrayList<>(List.of(ConnectionClass.parse("10.0.0.0/8:1:1:10")));
        ConnectionClasses table = withReferenceDefault(source);

        source.clear();

        assertThat(table.classes()).hasSize(1);
        assertThatThrownBy(() -> table.classes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ConnectionClasses withReferenceDefault(List<ConnectionClass> classes) {
        return new ConnectionClasses(classes, ConnectionClass.REFERENCE_DEFAULT);
    }
}
