package dev.skiff.engine.net.dns;

import static dev.skiff.engine.net.dns.ClusterDnsTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.net.dns.DnsRecords.Endpoint;
import dev.skiff.engine.net.dns.DnsRecords.Port;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server as BIND's dig sees it; skipped where dig is not installed (Debian: dnsutils). */
class DigTest {

    private FakeUpstream upstream;
    private ClusterDns dns;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(digPath() != null, "dig is not installed");
        upstream = new FakeUpstream().answer("example.com", "192.0.2.10");
        dns = ClusterDns.start(new InetSocketAddress("127.0.0.1", 0), "cluster.local", List.of(upstream.address()),
                Duration.ofSeconds(2));
        List<Endpoint> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(Endpoint.of(ip("127.1.3." + i)));
        }
        DnsRecords.Builder records = DnsRecords.builder();
        ClusterDnsTest.records().services().forEach(records::service);
        dns.update(records
                .service("default", "many", Optional.empty(), many, List.of(Port.tcp("http", 80)), Optional.empty())
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void digResolvesAServiceOverUdpAndTcp() {
        assertThat(dig("+short", "web.default.svc.cluster.local")).isEqualTo("127.96.0.20\n");
        assertThat(dig("+short", "+tcp", "web.default.svc.cluster.local")).isEqualTo("127.96.0.20\n");
    }

    @Test
    void digReadsSrvWithAdditionalAddress() {
        String output = dig("SRV", "_http._tcp.web.default.svc.cluster.local");

        assertThat(output).contains("status: NOERROR")
                .containsPattern("_http\\._tcp\\.web\\.default\\.svc\\.cluster\\.local\\.\\s+5\\s+IN\\s+SRV\\s+0 100 80 web\\.default\\.svc\\.cluster\\.local\\.")
                .containsPattern("web\\.default\\.svc\\.cluster\\.local\\.\\s+5\\s+IN\\s+A\\s+127\\.96\\.0\\.20")
                .doesNotContain("malformed");
        // the only complaint dig may have is about the cluster domain itself
        assertThat(output.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("warning")))
                .allMatch(line -> line.contains(".local is reserved for Multicast DNS"));
    }

    @Test
    void digSeesNxdomainWithSoa() {
        String output = dig("nope.default.svc.cluster.local");

        assertThat(output).contains("status: NXDOMAIN").contains("flags: qr aa rd ra;").contains("AUTHORITY: 1")
                .containsPattern("cluster\\.local\\.\\s+5\\s+IN\\s+SOA\\s+ns\\.dns\\.cluster\\.local\\. hostmaster\\.cluster\\.local\\.");
    }

    @Test
    void digRetriesATruncatedAnswerOverTcp() {
        String output = dig("+short", "many.default.svc.cluster.local");

        assertThat(output.lines()).hasSize(60).contains("127.1.3.1", "127.1.3.60");
    }

    @Test
    void digGetsForwardedAnswers() {
        assertThat(dig("+short", "example.com")).isEqualTo("192.0.2.10\n");
        assertThat(dig("+short", "docs.default.svc.cluster.local")).isEqualTo("example.com.\n192.0.2.10\n");
    }

    private String dig(String... arguments) {
        List<String> command = new ArrayList<>(List.of(digPath(), "@" + dns.address().getAddress().getHostAddress(),
                "-p", Integer.toString(dns.address().getPort()), "+time=2", "+tries=1"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String digPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File dig = new File(directory, "dig");
            if (dig.canExecute()) {
                return dig.getPath();
            }
        }
        return null;
    }
}
