package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void parse_whenDottedQuad_thenSingleAddressBlock() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("192.168.0.5");

        assertThat(cidr.network()).isEqualTo(0xC0A80005);
        assertThat(cidr.prefixLength()).isEqualTo(32);
        assertThat(cidr.mask()).isEqualTo(0xFFFFFFFF);
        assertThat(cidr).hasToString("192.168.0.5");
    }

    @Test
    void parse_whenCidr_thenNetworkAndPrefix() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("172.16.0.0/12");

        assertThat(cidr.network()).isEqualTo(0xAC100000);
        assertThat(cidr.prefixLength()).isEqualTo(12);
        assertThat(cidr.mask()).isEqualTo(0xFFF00000);
        assertThat(cidr).hasToString("172.16.0.0/12");
        assertThat(cidr.networkText()).isEqualTo("172.16.0.0");
    }

    @Test
    void parse_whenHostBitsSet_thenNormalisedToNetwork() {
        // §12.1 / F23: the reference stores 10.1.1.7/24 as typed and it never matches; we mask it
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.1.1.7/24");

        assertThat(cidr).isEqualTo(Ipv4Cidr.parse("10.1.1.0/24"));
        assertThat(cidr).hasToString("10.1.1.0/24");
    }

    @Test
    void parse_whenSlash32_thenEqualToPlainAddress() {
        assertThat(Ipv4Cidr.parse("10.0.0.9/32")).isEqualTo(Ipv4Cidr.parse("10.0.0.9"));
        assertThat(Ipv4Cidr.parse("10.0.0.9/32")).hasToString("10.0.0.9");
    }

    @Test
    void parse_whenWholeInternetOrBroadcast_thenAcceptedCleanly() {
        // F22: these abort the reference daemon
        Ipv4Cidr all = Ipv4Cidr.parse("0.0.0.0/0");
        Ipv4Cidr broadcast = Ipv4Cidr.parse("255.255.255.255");

        assertThat(all.mask()).isZero();
        assertThat(all).hasToString("0.0.0.0/0");
        assertThat(broadcast.network()).isEqualTo(-1);
        assertThat(broadcast).hasToString("255.255.255.255");
        assertThat(Ipv4Cidr.parse("1.2.3.4/0")).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/24",
            "255.255.255.255", "0.0.0.0/0", "128.0.0.0/1", "10.1.1.2/31"})
    void toString_whenParsedAgain_thenEqualBlock(String text) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(text);

        assertThat(cidr).hasToString(text);
        assertThat(Ipv4Cidr.parse(cidr.toString())).isEqualTo(cidr);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|must not be empty",
            "1.2.3|expected four dot-separated octets, found 3",
            "1.2.3.4.5|expected four dot-separated octets, found 5",
            "1.2.3.|empty octet",
            "1..3.4|empty octet",
            ".1.2.3|empty octet",
            "256.1.1.1|octet 256 is out of range 0-255",
            "1.2.3.1000|octet 1000 is out of range 0-255",
            "1.2.3.-1|octet '-1' is not a decimal number",
            "1.2.3.+1|octet '+1' is not a decimal number",
            "a.b.c.d|octet 'a' is not a decimal number",
            "010.0.0.1|octet '010' has a leading zero",
            "0x0a.0.0.1|octet '0x0a' is not a decimal number",
            "1.2.3.4/33|prefix length 33 is out of range 0-32",
            "1.2.3.4/-1|prefix length '-1' is not a decimal number",
            "1.2.3.4/|empty prefix length",
            "1.2.3.4/x|prefix length 'x' is not a decimal number",
            "1.2.3.4/08|prefix length '08' has a leading zero",
            "1.2.3.4/24/8|prefix length '24/8' is not a decimal number",
            "::1|IPv6 addresses and ip:port forms are not accepted",
            "2001:db8::/32|IPv6 addresses and ip:port forms are not accepted",
            "::ffff:10.0.0.1|IPv6 addresses and ip:port forms are not accepted",
            "10.0.0.1:8732|IPv6 addresses and ip:port forms are not accepted",
            "' 1.2.3.4'|octet ' 1' is not a decimal number",
            "'1.2.3.4 '|octet '4 ' is not a decimal number",
            "localhost|expected four dot-separated octets, found 1",
            "1.2.3.4/24 junk|prefix length '24 junk' is not a decimal number",
            "1.2.3.4/24 and more junk|too long",
            "1234567890|expected four dot-separated octets, found 1",
            "1.2.3.4444|octet 4444 is out of range 0-255",
    })
    void parse_whenMalformed_thenIllegalArgumentWithReason(String text, String reason) {
        assertThatThrownBy(() -> Ipv4Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void parse_whenNull_thenIllegalArgument() {
        assertThatThrownBy(() -> Ipv4Cidr.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void parse_whenHugeGarbage_thenMessageIsAbbreviated() {
        String garbage = "x".repeat(10_000);

        assertThatThrownBy(() -> Ipv4Cidr.parse(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }

    @Test
    void constructor_whenHostBitsSet_thenIllegalArgumentNamingTheNetwork() {
        assertThatThrownBy(() -> new Ipv4Cidr(0x0A010107, 24))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.1.1.7 has host bits set for /24; use 10.1.1.0/24");
    }

    @Test
    void constructor_whenPrefixOutOfRange_thenIllegalArgument() {
        assertThatThrownBy(() -> new Ipv4Cidr(0, 33)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-32, got 33");
        assertThatThrownBy(() -> new Ipv4Cidr(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-32, got -1");
    }

    @ParameterizedTest
    @CsvSource({
            "172.16.0.0/12, 172.16.0.0, true",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "172.16.0.0/12, 172.15.255.255, false",
            "10.1.1.7/24, 10.1.1.200, true",
            "10.1.1.7/24, 10.1.2.7, false",
            "192.168.0.5, 192.168.0.5, true",
            "192.168.0.5, 192.168.0.6, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "0.0.0.0/0, 255.255.255.255, true",
            "255.255.255.255, 255.255.255.255, true",
            "255.255.255.255, 255.255.255.254, false",
            "128.0.0.0/1, 200.1.1.1, true",
            "128.0.0.0/1, 127.255.255.255, false",
    })
    void contains_whenAddressGiven_thenMaskedComparison(String block, String address, boolean expected)
            throws UnknownHostException {
        Ipv4Cidr cidr = Ipv4Cidr.parse(block);

        assertThat(cidr.contains(ip(address))).isEqualTo(expected);
        assertThat(cidr.contains(Ipv4Cidr.host(ip(address)).network())).isEqualTo(expected);
    }

    @Test
    void contains_whenIpv4MappedIpv6_thenTreatedAsIpv4() throws UnknownHostException {
        // Inet6Address.getByAddress keeps the mapped form as an Inet6Address (unlike InetAddress.getByName)
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 1, 2};
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(Ipv4Cidr.parse("10.1.1.0/24").contains(address)).isTrue();
        assertThat(Ipv4Cidr.host(address)).hasToString("10.1.1.2");
    }

    @Test
    void contains_whenRealIpv6OrNull_thenFalse() throws UnknownHostException {
        Ipv4Cidr all = Ipv4Cidr.parse("0.0.0.0/0");

        assertThat(all.contains(ip("::1"))).isFalse();
        assertThat(all.contains(ip("2001:db8::1"))).isFalse();
        // ::a.b.c.d (IPv4-compatible, deprecated) is not the mapped form and stays IPv6
        assertThat(all.contains(ip("::10.1.1.2"))).isFalse();
        assertThat(all.contains((InetAddress) null)).isFalse();
        assertThat(Ipv4Cidr.ipv4Bits(ip("::1"))).isEmpty();
    }

    @Test
    void host_whenIpv6_thenIllegalArgument() {
        assertThatThrownBy(() -> Ipv4Cidr.host(ip("::1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address");
    }

    @Test
    void host_whenIpv4_thenSlash32() throws UnknownHostException {
        assertThat(Ipv4Cidr.host(ip("10.0.0.9"))).isEqualTo(new Ipv4Cidr(0x0A000009, 32));
    }

    @Test
    void dottedQuad_whenHighBitsSet_thenUnsignedOctetsWithoutLeadingZeros() {
        assertThat(Ipv4Cidr.dottedQuad(0xC0A80005)).isEqualTo("192.168.0.5");
        assertThat(Ipv4Cidr.dottedQuad(0xFF00000A)).isEqualTo("255.0.0.10");
    }
}
