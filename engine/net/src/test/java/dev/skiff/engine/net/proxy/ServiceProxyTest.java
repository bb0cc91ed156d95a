package dev.skiff.engine.net.proxy;

import static dev.skiff.engine.net.proxy.Net.address;
import static dev.skiff.engine.net.proxy.Net.await;
import static dev.skiff.engine.net.proxy.Net.exchange;
import static dev.skiff.engine.net.proxy.Net.servedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What clients of a Service see through the proxy, with real TCP and UDP endpoints on loopback addresses. */
class ServiceProxyTest {

    private static final String KEY = "default/web:http";

    private ServiceProxy proxy;
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeEach
    void startProxy() {
        proxy = ServiceProxy.start(settings().withUdpSessionIdleTimeout(Duration.ofMillis(300)));
    }

    /** Epoll here; {@link ServiceProxyOnNioTest} runs every test again on Java NIO. */
    ProxySettings settings() {
        return ProxySettings.defaults();
    }

    @AfterEach
    void stopAll() throws Exception {
        proxy.close();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private EchoServer echo(String name, String ip) throws IOException {
        EchoServer server = new EchoServer(name, ip);
        servers.add(server);
        return server;
    }

    private void applyTcp(InetSocketAddress listen, EchoServer... endpoints) {
        proxy.apply(KEY, List.of(listen), Protocol.TCP, addresses(endpoints), Affinity.NONE);
    }

    private static List<InetSocketAddress> addresses(EchoServer... servers) {
        return Arrays.stream(servers).map(EchoServer::address).toList();
    }

    @Test
    void trafficReachesAnEndpointThroughTheClusterIp() throws IOException {
        EchoServer a = echo("a", "127.1.0.11");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.11");
        applyTcp(clusterIp, a);

        assertThat(exchange(clusterIp, "hello")).isEqualTo("hello|a");
        assertThat(proxy.nativeTransport()).isEqualTo(settings().preferNativeTransport() && Epoll.isAvailable());
    }

    @Test
    void httpRequestsReachAnHttpEndpoint() throws Exception {
        HttpServer http = HttpServer.create(address("127.1.0.12", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "served by pod".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        servers.add(() -> http.stop(0));
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.12");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, List.of(http.getAddress()), Affinity.NONE);

        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.96.0.12:" + clusterIp.getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("served by pod");
        }
    }

    @Test
    void connectionsSpreadEvenlyAcrossThreeEndpoints() throws IOException {
        EchoServer a = echo("a", "127.1.0.21");
        EchoServer b = echo("b", "127.1.0.22");
        EchoServer c = echo("c", "127.1.0.23");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.21");
        applyTcp(clusterIp, a, b, c);

        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            served.merge(servedBy(clusterIp), 1, Integer::sum);
        }

        assertThat(served).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 3, "c", 3));
    }

    @Test
    void removedEndpointGetsNoNewConnectionsWhileAnEstablishedOneKeepsWorking() throws IOException {
        EchoServer a = echo("a", "127.1.0.31");
        EchoServer b = echo("b", "127.1.0.32");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.31");
        applyTcp(clusterIp, a);
        try (Socket established = Net.connect(clusterIp)) {
            OutputStream out = established.getOutputStream();
            InputStream in = established.getInputStream();
            out.write("one".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(Net.readExactly(in, 3), StandardCharsets.UTF_8)).isEqualTo("one");

            applyTcp(clusterIp, b);
            for (int i = 0; i < 4; i++) {
                assertThat(servedBy(clusterIp)).isEqualTo("b");
            }

            out.write("two".getBytes(StandardCharsets.UTF_8));
            established.shutdownOutput();
            assertThat(new String(Net.readAll(in), StandardCharsets.UTF_8)).isEqualTo("two|a");
        }
        assertThat(a.accepted()).isEqualTo(1);
    }

    @Test
    void deadEndpointIsSkippedSoEveryConnectionSucceeds() throws IOException {
        InetSocketAddress dead = Net.freeTcp("127.1.0.41");
        EchoServer live = echo("live", "127.1.0.42");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.41");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, List.of(dead, live.address()), Affinity.NONE);

        for (int i = 0; i < 6; i++) {
            assertThat(exchange(clusterIp, "ping" + i)).isEqualTo("ping" + i + "|live");
        }
    }

    @Test
    void noReadyEndpointResetsTheClientAtOnce() throws IOException {
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.51");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, List.of(), Affinity.NONE);

        long start = System.nanoTime();
        assertThat(Net.resetOnConnectOrFirstRead(clusterIp)).hasMessageContaining("reset");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void allEndpointsDeadResetsTheClient() throws IOException {
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.52");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP,
                List.of(Net.freeTcp("127.1.0.52"), Net.freeTcp("127.1.0.53")), Affinity.NONE);

        assertThat(Net.resetOnConnectOrFirstRead(clusterIp)).hasMessageContaining("reset");
    }

    @Test
    void clientIpAffinityKeepsAClientOnItsEndpointWhileThatIsReady() throws IOException {
        EchoServer a = echo("a", "127.1.0.61");
        EchoServer b = echo("b", "127.1.0.62");
        EchoServer c = echo("c", "127.1.0.63");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.61");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, addresses(a, b, c), Affinity.clientIp());

        String first = servedBy(clusterIp);
        for (int i = 0; i < 5; i++) {
            assertThat(servedBy(clusterIp)).isEqualTo(first);
        }

        List<EchoServer> others = new ArrayList<>(List.of(a, b, c));
        others.removeIf(server -> server.name().equals(first));
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, addresses(others.toArray(EchoServer[]::new)),
                Affinity.clientIp());
        String second = servedBy(clusterIp);
        assertThat(second).isNotEqualTo(first);
        for (int i = 0; i < 5; i++) {
            assertThat(servedBy(clusterIp)).isEqualTo(second);
        }
    }

    @Test
    void udpDatagramsReachAnEndpointAndRepliesComeFromTheServiceAddress() throws IOException {
        UdpEchoServer endpoint = new UdpEchoServer("dns", "127.1.0.71");
        servers.add(endpoint);
        InetSocketAddress clusterIp = Net.freeUdp("127.96.0.71");
        proxy.apply("kube-system/kube-dns:dns", List.of(clusterIp), Protocol.UDP, List.of(endpoint.address()),
                Affinity.NONE);

        try (DatagramSocket client = new DatagramSocket(address("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            for (String question : List.of("first", "second")) {
                byte[] sent = question.getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(sent, sent.length, clusterIp));
                DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
                client.receive(reply);

                assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8))
                        .isEqualTo("dns:" + question);
                assertThat(reply.getSocketAddress()).isEqualTo(clusterIp);
            }
            assertThat(proxy.activeConnections("kube-system/kube-dns:dns")).isEqualTo(1);
        }
        await("the idle UDP session ended", () -> proxy.activeConnections("kube-system/kube-dns:dns") == 0);
    }

    @Test
    void aMegabyteTravelsIntactBothWays() throws Exception {
        EchoServer a = echo("a", "127.1.0.81");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.81");
        applyTcp(clusterIp, a);
        byte[] payload = new byte[1024 * 1024];
        new Random(7).nextBytes(payload);

        try (Socket socket = Net.connect(clusterIp)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return Net.readAll(socket.getInputStream());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            socket.getOutputStream().write(payload);
            socket.shutdownOutput();
            byte[] reply = received.get();

            assertThat(reply.length).isEqualTo(payload.length + 2);
            assertThat(Arrays.equals(reply, 0, payload.length, payload, 0, payload.length)).isTrue();
            assertThat(new String(reply, payload.length, 2, StandardCharsets.UTF_8)).isEqualTo("|a");
        }
    }

    @Test
    void halfCloseReachesTheEndpointAndItsReplyAfterwardsStillArrives() throws IOException {
        // A server that answers only once the request is complete (EOF), like `nc -q` or a batch upload.
        ServerSocket counting = new ServerSocket();
        counting.bind(address("127.1.0.91", 0));
        servers.add(counting);
        Thread.ofVirtual().start(() -> {
            try (Socket peer = counting.accept()) {
                int length = Net.readAll(peer.getInputStream()).length;
                peer.getOutputStream().write(("got " + length + " bytes").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the test fails on its side
            }
        });
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.91");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP,
                List.of((InetSocketAddress) counting.getLocalSocketAddress()), Affinity.NONE);

        try (Socket socket = Net.connect(clusterIp)) {
            socket.getOutputStream().write(new byte[12345]);
            socket.shutdownOutput();
            assertThat(new String(Net.readAll(socket.getInputStream()), StandardCharsets.UTF_8))
                    .isEqualTo("got 12345 bytes");
        }
        await("the proxied connection closed", () -> proxy.activeConnections(KEY) == 0);
    }

    @Test
    void aNodePortStyleSecondListenerServesTheSameService() throws IOException {
        EchoServer a = echo("a", "127.1.0.101");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.101");
        InetSocketAddress nodePort = Net.freeTcp("127.0.0.1");
        proxy.apply(KEY, List.of(clusterIp, nodePort), Protocol.TCP, List.of(a.address()), Affinity.NONE);

        assertThat(exchange(clusterIp, "via cluster ip")).isEqualTo("via cluster ip|a");
        assertThat(exchange(nodePort, "via node port")).isEqualTo("via node port|a");
        assertThat(proxy.listening(KEY)).containsExactlyInAnyOrder(clusterIp, nodePort);

        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP, List.of(a.address()), Affinity.NONE);
        await("the node port refuses connections", () -> Net.refused(nodePort));
        assertThat(exchange(clusterIp, "still")).isEqualTo("still|a");
    }

    @Test
    void anAddressCanBeBoundAgainAfterRemove() throws IOException {
        EchoServer a = echo("a", "127.1.0.111");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.111");
        applyTcp(clusterIp, a);
        assertThat(exchange(clusterIp, "1")).isEqualTo("1|a");

        proxy.remove(KEY);
        await("the cluster IP refuses connections", () -> Net.refused(clusterIp));
        assertThat(proxy.keys()).doesNotContain(KEY);

        applyTcp(clusterIp, a);
        assertThat(exchange(clusterIp, "2")).isEqualTo("2|a");
    }

    @Test
    void anAddressInUseIsReportedWhileTheOtherListenersServe() throws IOException {
        EchoServer a = echo("a", "127.1.0.121");
        ServerSocket squatter = new ServerSocket();
        squatter.bind(address("127.96.0.121", 0));
        servers.add(squatter);
        InetSocketAddress taken = (InetSocketAddress) squatter.getLocalSocketAddress();
        InetSocketAddress free = Net.freeTcp("127.96.0.122");

        assertThatThrownBy(() -> proxy.apply(KEY, List.of(taken, free), Protocol.TCP, List.of(a.address()),
                Affinity.NONE))
                .isInstanceOfSatisfying(ListenerBindException.class, e -> {
                    assertThat(e.key()).isEqualTo(KEY);
                    assertThat(e.failures()).containsOnlyKeys(taken);
                })
                .hasMessageContaining("127.96.0.121:" + taken.getPort());
        assertThat(exchange(free, "ok")).isEqualTo("ok|a");

        squatter.close();
        proxy.apply(KEY, List.of(taken, free), Protocol.TCP, List.of(a.address()), Affinity.NONE);
        assertThat(exchange(taken, "now")).isEqualTo("now|a");
    }

    @Test
    void applyingTheSameStateAgainChangesNothing() throws IOException {
        EchoServer a = echo("a", "127.1.0.131");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.131");
        applyTcp(clusterIp, a);
        try (Socket established = Net.connect(clusterIp)) {
            await("the connection is counted", () -> proxy.activeConnections(KEY) == 1);
            for (int i = 0; i < 1000; i++) {
                applyTcp(clusterIp, a);
            }
            established.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
            established.shutdownOutput();
            assertThat(new String(Net.readAll(established.getInputStream()), StandardCharsets.UTF_8))
                    .isEqualTo("x|a");
        }
        await("the connection is no longer counted", () -> proxy.activeConnections(KEY) == 0);
    }

    @Test
    void sctpIsRefused() {
        assertThatThrownBy(() -> proxy.apply("default/sig:sctp", List.of(address("127.96.0.141", 3868)),
                Protocol.SCTP, List.of(), Affinity.NONE))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("SCTP");
    }

    @Test
    void changingTheProtocolMovesTheListenerToUdp() throws IOException {
        EchoServer tcp = echo("tcp", "127.1.0.151");
        UdpEchoServer udp = new UdpEchoServer("udp", "127.1.0.151");
        servers.add(udp);
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.151");
        applyTcp(clusterIp, tcp);
        proxy.apply(KEY, List.of(clusterIp), Protocol.UDP, List.of(udp.address()), Affinity.NONE);

        await("the cluster IP refuses connections", () -> Net.refused(clusterIp));
        try (DatagramSocket client = new DatagramSocket(address("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(new byte[] {'q'}, 1, clusterIp));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("udp:q");
        }
    }

    @Test
    void aClientThatDoesNotReadSlowsTheEndpointDownInsteadOfFillingMemory() throws Exception {
        long total = 256L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        ServerSocket firehose = new ServerSocket();
        firehose.bind(address("127.1.0.161", 0));
        servers.add(firehose);
        Thread.ofVirtual().start(() -> {
            try (Socket peer = firehose.accept()) {
                byte[] chunk = new byte[64 * 1024];
                OutputStream out = peer.getOutputStream();
                while (written.get() < total) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException ignored) {
                // the test fails on its side
            }
        });
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.161");
        proxy.apply(KEY, List.of(clusterIp), Protocol.TCP,
                List.of((InetSocketAddress) firehose.getLocalSocketAddress()), Affinity.NONE);

        try (Socket socket = Net.connect(clusterIp)) {
            long[] last = {-1};
            int[] unchanged = {0};
            await("the endpoint can write no more", () -> {
                long now = written.get();
                unchanged[0] = now == last[0] && now > 0 ? unchanged[0] + 1 : 0;
                last[0] = now;
                LockSupport.parkNanos(50_000_000);
                return unchanged[0] >= 4;
            });
            assertThat(written.get()).isLessThan(total / 2);

            long received = 0;
            byte[] buffer = new byte[256 * 1024];
            InputStream in = socket.getInputStream();
            for (int n; received < total && (n = in.read(buffer)) > 0; ) {
                received += n;
            }
            assertThat(received).isEqualTo(total);
        }
    }

    @Test
    void aWildcardListenerAndAnotherServicesClusterIpShareAPort() throws IOException {
        EchoServer lb = echo("lb", "127.1.0.171");
        EchoServer other = echo("other", "127.1.0.172");
        int port = Net.freeTcp("0.0.0.0").getPort();
        InetSocketAddress wildcard = address("0.0.0.0", port);
        InetSocketAddress otherClusterIp = address("127.96.0.172", port);
        proxy.apply("default/lb:http", List.of(address("127.96.0.171", port), wildcard), Protocol.TCP,
                List.of(lb.address()), Affinity.NONE);
        proxy.apply("default/other:http", List.of(otherClusterIp), Protocol.TCP, List.of(other.address()),
                Affinity.NONE);

        assertThat(servedBy(address("127.96.0.171", port))).isEqualTo("lb");
        assertThat(servedBy(address("127.0.0.1", port))).isEqualTo("lb");
        assertThat(servedBy(otherClusterIp)).isEqualTo("other");
    }

    @Test
    void twoServicePortsCannotShareOneExactAddress() throws IOException {
        EchoServer a = echo("a", "127.1.0.181");
        InetSocketAddress clusterIp = Net.freeTcp("127.96.0.181");
        proxy.apply("default/first:http", List.of(clusterIp), Protocol.TCP, List.of(a.address()), Affinity.NONE);

        assertThatThrownBy(() -> proxy.apply("default/second:http", List.of(clusterIp), Protocol.TCP,
                List.of(a.address()), Affinity.NONE))
                .isInstanceOf(ListenerBindException.class)
                .hasMessageContaining("in use by service port default/first:http");

        proxy.remove("default/first:http");
        proxy.apply("default/second:http", List.of(clusterIp), Protocol.TCP, List.of(a.address()), Affinity.NONE);
        assertThat(servedBy(clusterIp)).isEqualTo("a");
    }

    @Test
    void aUdpClientMovesOnWhenItsEndpointIsNoLongerReady() throws IOException {
        UdpEchoServer first = new UdpEchoServer("first", "127.1.0.191");
        UdpEchoServer second = new UdpEchoServer("second", "127.1.0.192");
        servers.add(first);
        servers.add(second);
        InetSocketAddress clusterIp = Net.freeUdp("127.96.0.191");
        String key = "default/dns:dns";
        proxy.apply(key, List.of(clusterIp), Protocol.UDP, List.of(first.address()), Affinity.NONE);

        try (DatagramSocket client = new DatagramSocket(address("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            assertThat(ask(client, clusterIp, "a")).isEqualTo("first:a");

            proxy.apply(key, List.of(clusterIp), Protocol.UDP, List.of(second.address()), Affinity.NONE);
            await("the session to the old endpoint ended", () -> proxy.activeConnections(key) == 0);
            assertThat(ask(client, clusterIp, "b")).isEqualTo("second:b");
        }
    }

    private static String ask(DatagramSocket client, InetSocketAddress to, String question) throws IOException {
        byte[] sent = question.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(sent, sent.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}
