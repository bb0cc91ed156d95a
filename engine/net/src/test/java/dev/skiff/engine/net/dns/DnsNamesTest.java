package dev.skiff.engine.net.dns;

import static dev.skiff.engine.net.dns.ClusterDnsTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsNamesTest {

    @Test
    void endpointLabelsAreDashedAddressesInCompressedForm() {
        assertThat(DnsNames.dashedAddress(ip("127.1.0.5"))).isEqualTo("127-1-0-5");
        assertThat(DnsNames.dashedAddress(ip("fd00:0:0:0:0:0:0:1"))).isEqualTo("fd00--1");
        assertThat(DnsNames.dashedAddress(ip("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001-db8-0-1--1");
        assertThat(DnsNames.dashedAddress(ip("::1"))).isEqualTo("--1");
    }

    @Test
    void podLabelsParseBackToAddresses() {
        assertThat(PodNames.parse("10-0-0-1")).isEqualTo(ip("10.0.0.1"));
        assertThat(PodNames.parse("fd00--1")).isEqualTo(ip("fd00::1"));
        assertThat(PodNames.parse("010-0-0-1")).isNull();
        assertThat(PodNames.parse("my-pod")).isNull();
        assertThat(PodNames.parse("1-2-3")).isNull();
    }

    @Test
    void reverseNamesFollowInAddrArpaAndIp6Arpa() {
        assertThat(DnsNames.reverseName(ip("127.96.0.20"))).isEqualTo("20.0.96.127.in-addr.arpa.");
        assertThat(DnsNames.reverseName(ip("fd00::1")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.");
    }

    @Test
    void wireLengthCountsLabelBytes() {
        assertThat(DnsNames.wireLength(".")).isEqualTo(1);
        assertThat(DnsNames.wireLength("cluster.local.")).isEqualTo(15);
        assertThat(DnsNames.wireLength("cluster.local")).isEqualTo(15);
    }

    @Test
    void withinChecksWholeLabels() {
        assertThat(DnsNames.isWithin("a.cluster.local.", "cluster.local.")).isTrue();
        assertThat(DnsNames.isWithin("cluster.local.", "cluster.local.")).isTrue();
        assertThat(DnsNames.isWithin("notcluster.local.", "cluster.local.")).isFalse();
    }
}
