package dev.skiff.engine.node.probes;

import static dev.skiff.engine.node.probes.Fixtures.closedPort;
import static dev.skiff.engine.node.probes.Fixtures.containerWithPort;
import static dev.skiff.engine.node.probes.Fixtures.json;
import static dev.skiff.engine.node.probes.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.node.probes.ProbeResult.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProberTest {
    private final Prober prober = new Prober();
    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.http();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ProbeResult httpGet(String path) {
        return prober.check(json("{'httpGet':{'path':'" + path + "','port':" + server.port() + "}}"), target());
    }

    @Test
    void httpGetSucceedsOnOkWithTheBodyAsMessage() {
        assertThat(httpGet("/ok")).isEqualTo(new ProbeResult(Outcome.SUCCESS, "fine"));
        assertThat(httpGet("/nocontent").success()).isTrue();
    }

    @Test
    void httpGetFailsWithTheStatusCodeButNotTheBody() {
        ProbeResult result = httpGet("/fail");
        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("HTTP probe failed with statuscode: 500");
    }

    @Test
    void httpGetFollowsRedirectsOnTheSameHost() {
        assertThat(httpGet("/redirect")).isEqualTo(new ProbeResult(Outcome.SUCCESS, "fine"));
        assertThat(httpGet("/redirect-fail").message()).isEqualTo("HTTP probe failed with statuscode: 500");
    }

    @Test
    void httpGetRedirectToAnotherHostPassesWithAWarning() {
        ProbeResult result = httpGet("/offhost");
        assertThat(result.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(result.success()).isTrue();
        assertThat(result.message()).isEqualTo("Probe terminated redirects, Response body: moved away");
    }

    @Test
    void httpGetGivesUpAfterTenRedirects() {
        ProbeResult result = httpGet("/loop");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).isEqualTo("Get \"/loop\": stopped after 10 redirects");
    }

    @Test
    void httpGetReportsARefusedConnectionInTheKubeletsWords() {
        int port = closedPort();
        ProbeResult result = prober.check(json("{'httpGet':{'path':'/healthz','port':" + port + "}}"), target());
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).isEqualTo("Get \"http://127.0.0.1:" + port + "/healthz\": dial tcp 127.0.0.1:"
                + port + ": connect: connection refused");
    }

    @Test
    void httpGetFailsWhenTheAnswerTakesLongerThanTheTimeout() {
        ProbeResult result = prober.check(json("{'httpGet':{'path':'/slow','port':" + server.port() + "}}"),
                target(), Duration.ofMillis(300));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).isEqualTo("Get \"http://127.0.0.1:" + server.port()
                + "/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    }

    @Test
    void httpGetSendsTheKubeletsHeadersAndTheSpecsOwn() {
        String seen = httpGet("/headers").message();
        assertThat(seen).contains("User-agent=kube-probe/1.32", "Accept=*/*", "Connection=close",
                "Host=127.0.0.1:" + server.port());

        String custom = prober.check(json("{'httpGet':{'path':'/headers','port':" + server.port() + ","
                + "'httpHeaders':[{'name':'x-custom','value':'yes'},{'name':'Host','value':'example.com'},"
                + "{'name':'User-Agent','value':'mine'},{'name':'Accept','value':''}]}}"), target()).message();
        assertThat(custom).contains("X-custom=yes", "Host=example.com", "User-agent=mine").doesNotContain("Accept");
    }

    @Test
    void httpGetResolvesNamedPortsFromTheContainer() {
        ProbeTarget target = target(containerWithPort("web", server.port()));
        assertThat(prober.check(json("{'httpGet':{'path':'/ok','port':'web'}}"), target).message()).isEqualTo("fine");
        assertThat(prober.check(json("{'httpGet':{'path':'/ok','port':'" + server.port() + "'}}"), target).success())
                .isTrue();
    }

    @Test
    void anUnknownNamedPortIsAProbeErrorNotAFailure() {
        ProbeResult result = prober.check(json("{'httpGet':{'path':'/ok','port':'metrics'}}"), target());
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).isEqualTo("strconv.Atoi: parsing \"metrics\": invalid syntax");
    }

    @Test
    void httpGetReadsOnlyTheFirstTenKibibytesOfTheBody() {
        assertThat(httpGet("/big").message()).hasSize(10 * 1024);
    }

    @Test
    void httpsProbesDoNotVerifyTheServersCertificate(@TempDir Path dir) throws Exception {
        try (TestServer https = TestServer.https(dir)) {
            ProbeResult result = prober.check(json("{'httpGet':{'scheme':'HTTPS','path':'/ok','port':"
                    + https.port() + "}}"), target(), Duration.ofSeconds(5));
            assertThat(result).isEqualTo(new ProbeResult(Outcome.SUCCESS, "fine"));
        }
    }

    @Test
    void httpsProbeOfAPlainHttpServerSaysSo() throws Exception {
        try (PlainHttpServer plain = new PlainHttpServer()) {
            ProbeResult result = prober.check(json("{'httpGet':{'scheme':'HTTPS','path':'/ok','port':"
                    + plain.port() + "}}"), target(), Duration.ofSeconds(5));
            assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(result.message()).isEqualTo("Get \"https://127.0.0.1:" + plain.port()
                    + "/ok\": http: server gave HTTP response to HTTPS client");
        }
    }

    @Test
    void tcpSocketSucceedsWhenSomethingListens() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            ProbeResult result = prober.check(json("{'tcpSocket':{'port':" + listening.getLocalPort() + "}}"), target());
            assertThat(result).isEqualTo(new ProbeResult(Outcome.SUCCESS, ""));
        }
    }

    @Test
    void tcpSocketFailsWhenNothingListens() {
        int port = closedPort();
        ProbeResult result = prober.check(json("{'tcpSocket':{'port':" + port + "}}"), target());
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).isEqualTo("dial tcp 127.0.0.1:" + port + ": connect: connection refused");
    }

    @Test
    void tcpSocketUsesTheNamedPortAndHost() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            ProbeTarget elsewhere = new ProbeTarget("127.0.0.2", containerWithPort("db", listening.getLocalPort()),
                    new ShellExec());
            assertThat(prober.check(json("{'tcpSocket':{'port':'db','host':'127.0.0.1'}}"), elsewhere).success())
                    .isTrue();
        }
    }

    @Test
    void execSucceedsOnExitCodeZeroWithItsOutput() {
        ProbeResult result = prober.check(json("{'exec':{'command':['/bin/sh','-c','echo healthy']}}"), target());
        assertThat(result).isEqualTo(new ProbeResult(Outcome.SUCCESS, "healthy\n"));
    }

    @Test
    void execFailsOnANonZeroExitCodeWithItsOutputAsTheMessage() {
        ProbeResult result = prober.check(
                json("{'exec':{'command':['/bin/sh','-c','echo not ready >&2; exit 3']}}"), target());
        assertThat(result).isEqualTo(new ProbeResult(Outcome.FAILURE, "not ready\n"));
    }

    @Test
    void execFailsWhenTheCommandOutlivesTheTimeout() {
        ProbeResult result = prober.check(json("{'exec':{'command':['/bin/sh','-c','sleep 30']}}"), target(),
                Duration.ofMillis(300));
        assertThat(result).isEqualTo(new ProbeResult(Outcome.FAILURE, "command \"/bin/sh -c sleep 30\" timed out"));
    }

    @Test
    void execExpandsTheContainersEnvironmentVariables() {
        ProbeResult result = prober.check(json(
                "{'exec':{'command':['/bin/echo','$(GREETING)','[$(SECRET)]','$(MISSING)','$$(GREETING)']}}"), target());
        assertThat(result.message()).isEqualTo("hello [] $(MISSING) $(GREETING)\n");
    }

    @Test
    void grpcProbesAreReportedAsUnsupported() {
        ProbeResult result = prober.check(json("{'grpc':{'port':9090}}"), target());
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains("grpc probes are not supported");
    }
}
