package dev.skiff.engine.net.dns;

import static dev.skiff.engine.net.dns.DnsTestClient.A;
import static dev.skiff.engine.net.dns.DnsTestClient.AAAA;
import static dev.skiff.engine.net.dns.DnsTestClient.CNAME;
import static dev.skiff.engine.net.dns.DnsTestClient.NS;
import static dev.skiff.engine.net.dns.DnsTestClient.PTR;
import static dev.skiff.engine.net.dns.DnsTestClient.SOA;
import static dev.skiff.engine.net.dns.DnsTestClient.SRV;
import static dev.skiff.engine.net.dns.DnsTestClient.TXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.net.dns.DnsRecords.Endpoint;
import dev.skiff.engine.net.dns.DnsRecords.Port;
import dev.skiff.engine.net.dns.DnsTestClient.Reply;
import dev.skiff.engine.net.dns.DnsTestClient.Rr;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterDnsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private FakeUpstream upstream;
    private ClusterDns dns;
    private DnsTestClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream().answer("example.com", "192.0.2.10", "192.0.2.11");
        dns = ClusterDns.start(LOOPBACK, "cluster.local", List.of(upstream.address()), Duration.ofSeconds(2));
        dns.update(records());
        client = new DnsTestClient(dns.address());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        dns.close();
        upstream.close();
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static DnsRecords records() {
        return DnsRecords.builder()
                .service("default", "web", Optional.of(ip("127.96.0.20")),
                        List.of(Endpoint.of(ip("127.1.0.5")), Endpoint.of(ip("127.1.0.6"))),
                        List.of(Port.tcp("http", 80), Port.tcp("metrics", 9090), new Port("", "UDP", 53)),
                        Optional.empty())
                .service("db", "pg", Optional.empty(),
                        List.of(Endpoint.of(ip("127.1.0.7"), "pg-0"), Endpoint.of(ip("127.1.0.8"), "pg-1"),
                                Endpoint.of(ip("127.1.0.9"))),
                        List.of(Port.tcp("postgres", 5432)), Optional.empty())
                .service("default", "docs", Optional.empty(), List.of(), List.of(), Optional.of("example.com"))
                .service("default", "empty-headless", Optional.empty(), List.of(), List.of(Port.tcp("http", 80)),
                        Optional.empty())
                .build();
    }

    @Test
    void serviceNameAnswersItsClusterIp() {
        Reply reply = client.udp("web.default.svc.cluster.local", A);

        assertThat(reply.rcode()).isEqualTo(Reply.NOERROR);
        assertThat(reply.authoritative()).isTrue();
        assertThat(reply.answer()).containsExactly(new Rr("web.default.svc.cluster.local.", A, 5, "127.96.0.20"));
    }

    @Test
    void headlessServiceAnswersEveryReadyEndpointAddress() {
        Reply reply = client.udp("pg.db.svc.cluster.local", A);

        assertThat(reply.data(A)).containsExactly("127.1.0.7", "127.1.0.8", "127.1.0.9");
    }

    @Test
    void endpointsAreNamedByHostnameOrDashedAddress() {
        assertThat(client.udp("pg-1.pg.db.svc.cluster.local", A).data(A)).containsExactly("127.1.0.8");
        assertThat(client.udp("127-1-0-9.pg.db.svc.cluster.local", A).data(A)).containsExactly("127.1.0.9");
        assertThat(client.udp("127-1-0-6.web.default.svc.cluster.local", A).data(A)).containsExactly("127.1.0.6");
    }

    @Test
    void srvForNamedPortPointsAtServiceWithItsAddressInAdditional() {
        Reply reply = client.udp("_http._tcp.web.default.svc.cluster.local", SRV);

        assertThat(reply.answer()).containsExactly(new Rr("_http._tcp.web.default.svc.cluster.local.", SRV, 5,
                "0 100 80 web.default.svc.cluster.local."));
        assertThat(reply.additional()).containsExactly(new Rr("web.default.svc.cluster.local.", A, 5, "127.96.0.20"));
    }

    @Test
    void srvForServiceNameListsAllPortsSharingTheWeight() {
        Reply reply = client.udp("web.default.svc.cluster.local", SRV);

        assertThat(reply.data(SRV)).containsExactly("0 33 80 web.default.svc.cluster.local.",
                "0 33 9090 web.default.svc.cluster.local.", "0 33 53 web.default.svc.cluster.local.");
    }

    @Test
    void headlessSrvPointsAtEachEndpoint() {
        Reply reply = client.udp("_postgres._tcp.pg.db.svc.cluster.local", SRV);

        assertThat(reply.data(SRV)).containsExactly("0 33 5432 pg-0.pg.db.svc.cluster.local.",
                "0 33 5432 pg-1.pg.db.svc.cluster.local.", "0 33 5432 127-1-0-9.pg.db.svc.cluster.local.");
        assertThat(reply.additional()).extracting(Rr::name, Rr::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pg-0.pg.db.svc.cluster.local.", "127.1.0.7"),
                org.assertj.core.groups.Tuple.tuple("pg-1.pg.db.svc.cluster.local.", "127.1.0.8"),
                org.assertj.core.groups.Tuple.tuple("127-1-0-9.pg.db.svc.cluster.local.", "127.1.0.9"));
    }

    @Test
    void unnamedPortHasNoSrvName() {
        Reply reply = client.udp("_._udp.web.default.svc.cluster.local", SRV);

        assertThat(reply.rcode()).isEqualTo(Reply.NXDOMAIN);
    }

    @Test
    void externalNameAnswersCname() {
        Reply reply = client.udp("docs.default.svc.cluster.local", CNAME);

        assertThat(reply.answer()).containsExactly(new Rr("docs.default.svc.cluster.local.", CNAME, 5, "example.com."));
    }

    @Test
    void externalNameAddressQueryFollowsTheCnameUpstream() {
        Reply reply = client.udp("docs.default.svc.cluster.local", A);

        assertThat(reply.rcode()).isEqualTo(Reply.NOERROR);
        assertThat(reply.answer()).extracting(Rr::name, Rr::type, Rr::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple("docs.default.svc.cluster.local.", CNAME, "example.com."),
                org.assertj.core.groups.Tuple.tuple("example.com.", A, "192.0.2.10"),
                org.assertj.core.groups.Tuple.tuple("example.com.", A, "192.0.2.11"));
    }

    @Test
    void externalNameInsideTheClusterIsFollowedWithoutAskingUpstream() {
        dns.update(DnsRecords.builder()
                .service("default", "web", Optional.of(ip("127.96.0.20")), List.of(), List.of(Port.tcp("http", 80)),
                        Optional.empty())
                .service("other", "alias", Optional.empty(), List.of(), List.of(),
                        Optional.of("web.default.svc.cluster.local"))
                .build());

        Reply reply = client.udp("alias.other.svc.cluster.local", A);

        assertThat(reply.answer()).containsExactly(
                new Rr("alias.other.svc.cluster.local.", CNAME, 5, "web.default.svc.cluster.local."),
                new Rr("web.default.svc.cluster.local.", A, 5, "127.96.0.20"));
        assertThat(upstream.questions()).isEmpty();
    }

    @Test
    void otherOpcodesAreNotImplemented() {
        byte[] status = DnsTestClient.query(7, "web.default.svc.cluster.local", A, false);
        status[2] = (byte) (2 << 3); // opcode STATUS

        Reply reply = client.udp(status);

        assertThat(reply.id()).isEqualTo(7);
        assertThat(reply.rcode()).isEqualTo(Reply.NOTIMP);
    }

    @Test
    void anyQueryReturnsEveryRecordAtTheName() {
        Reply reply = client.tcp("web.default.svc.cluster.local", DnsTestClient.ANY);

        assertThat(reply.answer()).extracting(Rr::type).containsExactlyInAnyOrder(A, SRV, SRV, SRV);
    }

    @Test
    void unknownServiceIsNxdomainWithSoaInAuthority() {
        Reply reply = client.udp("nope.default.svc.cluster.local", A);

        assertThat(reply.rcode()).isEqualTo(Reply.NXDOMAIN);
        assertThat(reply.authoritative()).isTrue();
        assertThat(reply.answer()).isEmpty();
        assertThat(reply.authority()).singleElement().satisfies(soa -> {
            assertThat(soa.name()).isEqualTo("cluster.local.");
            assertThat(soa.type()).isEqualTo(SOA);
            assertThat(soa.data()).startsWith("ns.dns.cluster.local. hostmaster.cluster.local. ")
                    .endsWith(" 7200 1800 86400 5");
        });
    }

    @Test
    void headlessServiceWithoutReadyEndpointsIsNxdomain() {
        assertThat(client.udp("empty-headless.default.svc.cluster.local", A).rcode()).isEqualTo(Reply.NXDOMAIN);
    }

    @Test
    void aaaaForAnIpv4ServiceIsNodata() {
        Reply reply = client.udp("web.default.svc.cluster.local", AAAA);

        assertThat(reply.rcode()).isEqualTo(Reply.NOERROR);
        assertThat(reply.answer()).isEmpty();
        assertThat(reply.authority()).extracting(Rr::type).containsExactly(SOA);
    }

    @Test
    void namesBetweenServiceAndDomainExistWithoutRecords() {
        assertThat(client.udp("default.svc.cluster.local", A).rcode()).isEqualTo(Reply.NOERROR);
        assertThat(client.udp("svc.cluster.local", A).rcode()).isEqualTo(Reply.NOERROR);
        assertThat(client.udp("nosuchnamespace.svc.cluster.local", A).rcode()).isEqualTo(Reply.NXDOMAIN);
    }

    @Test
    void tcpQueryIsAnswered() {
        Reply reply = client.tcp("web.default.svc.cluster.local", A);

        assertThat(reply.answer()).containsExactly(new Rr("web.default.svc.cluster.local.", A, 5, "127.96.0.20"));
    }

    @Test
    void updateReplacesAllRecords() {
        dns.update(DnsRecords.builder()
                .service("default", "api", Optional.of(ip("127.96.0.99")), List.of(), List.of(Port.tcp("http", 80)),
                        Optional.empty())
                .build());

        assertThat(client.udp("api.default.svc.cluster.local", A).data(A)).containsExactly("127.96.0.99");
        assertThat(client.udp("web.default.svc.cluster.local", A).rcode()).isEqualTo(Reply.NXDOMAIN);
    }

    @Test
    void namesOutsideTheClusterDomainAreForwardedWithTheClientsId() {
        byte[] query = DnsTestClient.query(4242, "example.com", A, false);

        Reply reply = client.udp(query);

        assertThat(reply.id()).isEqualTo(4242);
        assertThat(reply.rcode()).isEqualTo(Reply.NOERROR);
        assertThat(reply.data(A)).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(upstream.questions()).containsExactly("example.com. 1");
    }

    @Test
    void forwardedNegativeAnswersPassThrough() {
        assertThat(client.udp("unknown.example.org", A).rcode()).isEqualTo(Reply.NXDOMAIN);
    }

    @Test
    void namesInTheClusterDomainAreNeverForwarded() {
        client.udp("nope.default.svc.cluster.local", A);

        assertThat(upstream.questions()).isEmpty();
    }

    @Test
    void forwardedTcpQueryIsAnswered() {
        assertThat(client.tcp("example.com", A).data(A)).containsExactly("192.0.2.10", "192.0.2.11");
    }

    @Test
    void tcpClientGetsTheWholeAnswerWhenTheUpstreamTruncatesOverUdp() {
        upstream.truncateUdp();

        Reply overTcp = client.tcp("example.com", A);
        Reply overUdp = client.udp("example.com", A);

        assertThat(overTcp.truncated()).isFalse();
        assertThat(overTcp.data(A)).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(overUdp.truncated()).isTrue();
    }

    @Test
    void silentUpstreamsGiveServfail() throws Exception {
        try (FakeUpstream first = new FakeUpstream().silent();
             ClusterDns lonely = ClusterDns.start(LOOPBACK, "cluster.local", List.of(first.address()),
                     Duration.ofMillis(200));
             DnsTestClient lonelyClient = new DnsTestClient(lonely.address())) {
            Reply reply = lonelyClient.udp("example.com", A);

            assertThat(reply.rcode()).isEqualTo(Reply.SERVFAIL);
        }
    }

    @Test
    void nextUpstreamIsAskedWhenTheFirstIsSilent() throws Exception {
        try (FakeUpstream first = new FakeUpstream().silent();
             ClusterDns two = ClusterDns.start(LOOPBACK, "cluster.local", List.of(first.address(), upstream.address()),
                     Duration.ofMillis(200));
             DnsTestClient twoClient = new DnsTestClient(two.address())) {
            Reply reply = twoClient.udp("example.com", A);

            assertThat(reply.data(A)).containsExactly("192.0.2.10", "192.0.2.11");
            assertThat(first.questions()).containsExactly("example.com. 1");
        }
    }

    @Test
    void withoutUpstreamsOutsideNamesGetServfail() {
        try (ClusterDns alone = ClusterDns.start(LOOPBACK, "cluster.local", List.of());
             DnsTestClient aloneClient = new DnsTestClient(alone.address())) {
            assertThat(aloneClient.udp("example.com", A).rcode()).isEqualTo(Reply.SERVFAIL);
        }
    }

    @Test
    void queriesAreCaseInsensitiveAndEchoTheQuestionsCase() {
        Reply reply = client.udp("WeB.Default.SVC.Cluster.Local", A);

        assertThat(reply.question()).isEqualTo("WeB.Default.SVC.Cluster.Local.");
        assertThat(reply.answer()).containsExactly(new Rr("WeB.Default.SVC.Cluster.Local.", A, 5, "127.96.0.20"));
    }

    @Test
    void podNameAnswersTheAddressInIt() {
        assertThat(client.udp("127-1-0-42.default.pod.cluster.local", A).data(A)).containsExactly("127.1.0.42");
        assertThat(client.udp("127-1-0-256.default.pod.cluster.local", A).rcode()).isEqualTo(Reply.NXDOMAIN);
        assertThat(client.udp("default.pod.cluster.local", A).rcode()).isEqualTo(Reply.NOERROR);
    }

    @Test
    void clusterIpAndEndpointsHavePointerRecords() {
        assertThat(client.udp("20.0.96.127.in-addr.arpa", PTR).data(PTR))
                .containsExactly("web.default.svc.cluster.local.");
        assertThat(client.udp("7.0.1.127.in-addr.arpa", PTR).data(PTR))
                .containsExactly("pg-0.pg.db.svc.cluster.local.");
    }

    @Test
    void unknownReverseNamesAreForwarded() {
        client.udp("1.2.0.192.in-addr.arpa", PTR);

        assertThat(upstream.questions()).containsExactly("1.2.0.192.in-addr.arpa. 12");
    }

    @Test
    void domainPublishesSchemaVersionSoaAndNameserver() {
        assertThat(client.udp("dns-version.cluster.local", TXT).answer())
                .containsExactly(new Rr("dns-version.cluster.local.", TXT, 28800, "1.1.0"));
        assertThat(client.udp("cluster.local", SOA).data(SOA)).hasSize(1);
        Reply ns = client.udp("cluster.local", NS);
        assertThat(ns.data(NS)).containsExactly("ns.dns.cluster.local.");
        assertThat(ns.additional()).containsExactly(new Rr("ns.dns.cluster.local.", A, 5, "127.0.0.1"));
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndWholeOverTcp() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            endpoints.add(Endpoint.of(ip("127.1.1." + i)));
        }
        dns.update(DnsRecords.builder()
                .service("default", "big", Optional.empty(), endpoints, List.of(Port.tcp("http", 80)), Optional.empty())
                .build());

        Reply plain = client.udp("big.default.svc.cluster.local", A);
        Reply edns = client.udpEdns("big.default.svc.cluster.local", A);
        Reply tcp = client.tcp("big.default.svc.cluster.local", A);

        assertThat(plain.truncated()).isTrue();
        assertThat(plain.answer()).isEmpty();
        assertThat(edns.truncated()).isTrue(); // 100 records need 4.7 KB, more than the 1232 bytes allowed
        assertThat(tcp.truncated()).isFalse();
        assertThat(tcp.data(A)).hasSize(100);
    }

    @Test
    void srvAnswerDropsAdditionalRecordsBeforeTruncating() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            endpoints.add(Endpoint.of(ip("127.1.2." + i)));
        }
        dns.update(DnsRecords.builder()
                .service("default", "mid", Optional.empty(), endpoints, List.of(Port.tcp("http", 80)), Optional.empty())
                .build());

        Reply reply = client.udp("_http._tcp.mid.default.svc.cluster.local", SRV);

        // four SRV records fit in 512 bytes, their four address records no longer do
        assertThat(reply.truncated()).isFalse();
        assertThat(reply.data(SRV)).hasSize(4).allMatch(srv -> srv.startsWith("0 25 80 "));
        assertThat(reply.additional()).isEmpty();
    }

    @Test
    void ednsQueryGetsOptInTheAnswer() {
        Reply reply = client.udpEdns("web.default.svc.cluster.local", A);

        assertThat(reply.additional()).extracting(Rr::type).containsExactly(DnsTestClient.OPT);
    }

    @Test
    void nioTransportServesToo() {
        try (ClusterDns nio = ClusterDns.start(LOOPBACK, "cluster.local", List.of(), Duration.ofSeconds(1),
                Transport.nio());
             DnsTestClient nioClient = new DnsTestClient(nio.address())) {
            nio.update(records());

            assertThat(nioClient.udp("web.default.svc.cluster.local", A).data(A)).containsExactly("127.96.0.20");
            assertThat(nioClient.tcp("web.default.svc.cluster.local", A).data(A)).containsExactly("127.96.0.20");
        }
    }

    @Test
    void anAddressInUseIsReported() {
        assertThatThrownBy(() -> ClusterDns.start(dns.address(), "cluster.local", List.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on");
    }

    @Test
    void recordsRejectInvalidNames() {
        assertThatThrownBy(() -> DnsRecords.builder().service("Default", "web", Optional.empty(), List.of(),
                List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata.namespace: Invalid value: \"Default\"");
        assertThatThrownBy(() -> new Port("http", "HTTP", 80))
                .hasMessageContaining("Unsupported value: \"HTTP\"");
        assertThatThrownBy(() -> DnsRecords.builder()
                .service("default", "web", Optional.empty(), List.of(), List.of(), Optional.empty())
                .service("default", "web", Optional.empty(), List.of(), List.of(), Optional.empty()))
                .hasMessageContaining("service default/web already exists");
    }
}
