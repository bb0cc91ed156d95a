package dev.skiff.engine.net.ingress;

import static dev.skiff.engine.net.ingress.TestIngress.ingress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy end to end: real clients over sockets, real backends on pod addresses of 127.1.0.0/16. */
@Tag("e2e")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IngressProxyTest {
    private static final String PROXY_IP = "127.1.0.100";
    private static final String CLIENT_IP = "127.1.0.77";
    private static final Map<String, List<InetSocketAddress>> endpoints = new ConcurrentHashMap<>();
    private static IngressProxy proxy;
    private static TestBackend web;
    private static TestBackend api;
    private static TestBackend api2;
    private static InetSocketAddress http;
    private static InetSocketAddress https;

    @BeforeAll
    static void start() throws Exception {
        web = TestBackend.start("web", "127.1.0.101");
        api = TestBackend.start("api", "127.1.0.102");
        api2 = TestBackend.start("api", "127.1.0.103");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getByName(PROXY_IP), 0);
        proxy = IngressProxy.start(any, any, (ns, service, port) ->
                endpoints.getOrDefault(ns + "/" + service + "/" + port, List.of()));
        http = proxy.httpAddress().orElseThrow();
        https = proxy.httpsAddress().orElseThrow();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        web.close();
        api.close();
        api2.close();
    }

    @BeforeEach
    void resetEndpoints() {
        endpoints.clear();
        endpoints.put("shop/web/80", List.of(web.address()));
        endpoints.put("shop/api/http", List.of(api.address()));
        proxy.update(routes(shopIngress()));
    }

    private static ObjectNode shopIngress() {
        return ingress("shop", "storefront")
                .path("shop.example.com", "/", "Prefix", "web", 80)
                .path("shop.example.com", "/api", "Prefix", "api", "http")
                .path("empty.example.com", "/", "Prefix", "empty", 80)
                .build();
    }

    private static IngressRoutes routes(ObjectNode... ingresses) {
        return IngressRoutes.from(List.of(ingresses), ref -> Optional.empty(), "skiff", true);
    }

    @Test
    void routesRequestsByHostAndPathAndKeepsTheHostHeader() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response apiAnswer = RawHttp.get(s, "shop.example.com", "/api/items?page=2");
            RawHttp.Response webAnswer = RawHttp.get(s, "shop.example.com", "/cart");

            assertThat(apiAnswer.status()).isEqualTo(200);
            assertThat(apiAnswer.fields()).containsEntry("service", "api")
                    .containsEntry("uri", "/api/items?page=2")
                    .containsEntry("host", "shop.example.com");
            assertThat(webAnswer.fields()).containsEntry("service", "web").containsEntry("uri", "/cart");
        }
    }

    @Test
    void answers404NamingHostAndPathWhenNoRuleMatches() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response r = RawHttp.get(s, "nowhere.example.com", "/some/path");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).contains("nowhere.example.com").contains("/some/path");
            // the connection stays usable
            assertThat(RawHttp.get(s, "shop.example.com", "/").status()).isEqualTo(200);
        }
    }

    @Test
    void answers503WhenTheServiceHasNoReadyEndpoint() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response r = RawHttp.get(s, "empty.example.com", "/");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).contains("no ready endpoint for service shop/empty");
        }
    }

    @Test
    void tellsTheBackendWhoTheClientIs() throws Exception {
        try (Socket s = RawHttp.connect(http, InetAddress.getByName(CLIENT_IP))) {
            RawHttp.Response first = RawHttp.get(s, "shop.example.com", "/");
            RawHttp.Response relayed = RawHttp.get(s, "shop.example.com", "/", "X-Forwarded-For: 10.0.0.1");

            assertThat(first.fields())
                    .containsEntry("x-forwarded-for", CLIENT_IP)
                    .containsEntry("x-real-ip", CLIENT_IP)
                    .containsEntry("x-forwarded-proto", "http")
                    .containsEntry("x-forwarded-host", "shop.example.com")
                    .containsEntry("x-forwarded-port", Integer.toString(http.getPort()))
                    .containsEntry("host", "shop.example.com");
            assertThat(relayed.fields()).containsEntry("x-forwarded-for", "10.0.0.1, " + CLIENT_IP);
        }
    }

    @Test
    void dropsHopByHopHeadersButPassesEndToEndOnes() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response r = RawHttp.get(s, "shop.example.com", "/",
                    "Connection: keep-alive, X-Hop", "X-Hop: secret", "Keep-Alive: timeout=5", "X-Custom: kept");

            assertThat(r.fields()).containsEntry("x-custom", "kept").doesNotContainKey("keep-alive");
            assertThat(r.text()).doesNotContain("secret");
        }
    }

    @Test
    void streamsAMegabyteUploadAndDownload() throws Exception {
        byte[] upload = new byte[1024 * 1024];
        new Random(42).nextBytes(upload);
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response uploaded = RawHttp.exchange(s, "POST", "/upload", "shop.example.com", upload);
            RawHttp.Response downloaded = RawHttp.get(s, "shop.example.com", "/download");

            assertThat(uploaded.status()).isEqualTo(200);
            assertThat(uploaded.fields()).containsEntry("bytes", "1048576")
                    .containsEntry("sha256", sha256(upload));
            assertThat(downloaded.status()).isEqualTo(200);
            assertThat(downloaded.header("transfer-encoding")).isEqualTo("chunked");
            byte[] expected = new byte[TestBackend.DOWNLOAD_SIZE];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = TestBackend.downloadByte(i);
            }
            assertThat(sha256(downloaded.body())).isEqualTo(sha256(expected));
        }
    }

    @Test
    void streamsChunkedBodiesBothWaysAsTheyArrive() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: shop.example.com\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.writeChunk(out, "part-1;".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.line(in)).startsWith("HTTP/1.1 200");
            assertThat(RawHttp.headers(in)).containsEntry("transfer-encoding", List.of("chunked"));
            // each part comes back before the next is sent: neither direction waits for the whole body
            for (int i = 1; i <= 3; i++) {
                StringBuilder echoed = new StringBuilder();
                String part = "part-" + i + ";";
                while (!echoed.toString().equals(part)) {
                    echoed.append(new String(RawHttp.chunk(in), StandardCharsets.US_ASCII));
                }
                if (i < 3) {
                    RawHttp.writeChunk(out, ("part-" + (i + 1) + ";").getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.chunk(in)).isNull();
        }
    }

    @Test
    void aClientThatGoesAwayMidUploadNeverLeavesTheBackendACompleteBody() throws Exception {
        web.uploads.clear();
        try (Socket s = RawHttp.connect(http, null)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: shop.example.com\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.writeChunk(out, new byte[1000]);
            assertThat(web.uploads.poll(20, TimeUnit.SECONDS)).isEqualTo("started");
            s.setSoLinger(true, 0);
        }

        assertThat(web.uploads.poll(20, TimeUnit.SECONDS)).isEqualTo("truncated");
    }

    @Test
    void answers100ContinueAndThenForwardsTheBody() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: shop.example.com\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(RawHttp.line(in)).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(RawHttp.headers(in)).isEmpty();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.read(in, false).fields()).containsEntry("bytes", "5");
        }
    }

    @Test
    void relaysAnswersWithoutBodyAndKeepsTheConnection() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response noContent = RawHttp.get(s, "shop.example.com", "/no-content");
            RawHttp.Response notModified = RawHttp.get(s, "shop.example.com", "/not-modified");
            RawHttp.Response next = RawHttp.get(s, "shop.example.com", "/");

            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.headers()).doesNotContainKeys("transfer-encoding", "content-length");
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.headers()).doesNotContainKey("transfer-encoding");
            assertThat(next.fields()).containsEntry("service", "web");
        }
    }

    @Test
    void spreadsRequestsOverEndpointsRoundRobin() throws Exception {
        endpoints.put("shop/api/http", List.of(api.address(), api2.address()));
        try (Socket s = RawHttp.connect(http, null)) {
            List<String> served = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                served.add(RawHttp.get(s, "shop.example.com", "/api").fields().get("endpoint"));
            }

            assertThat(served).containsOnly(api.address().toString(), api2.address().toString());
            assertThat(served.get(0)).isNotEqualTo(served.get(1));
            assertThat(served.get(1)).isNotEqualTo(served.get(2));
        }
    }

    @Test
    void failsOverFromADeadEndpointToALiveOne() throws Exception {
        endpoints.put("shop/api/http", List.of(deadEndpoint(), api.address()));
        try (Socket s = RawHttp.connect(http, null)) {
            for (int i = 0; i < 4; i++) {
                RawHttp.Response r = RawHttp.exchange(s, "POST", "/api", "shop.example.com",
                        "payload".getBytes(StandardCharsets.US_ASCII));

                assertThat(r.status()).isEqualTo(200);
                assertThat(r.fields()).containsEntry("endpoint", api.address().toString());
            }
        }
    }

    @Test
    void retriesAnIdempotentRequestOnceWhenAPooledConnectionClosesUnderIt() throws Exception {
        try (OneAnswerPerConnectionBackend closing = new OneAnswerPerConnectionBackend("127.1.0.105");
                Socket s = RawHttp.connect(http, null)) {
            endpoints.put("shop/api/http", List.of(closing.address()));

            RawHttp.Response first = RawHttp.get(s, "shop.example.com", "/api/a");
            RawHttp.Response second = RawHttp.get(s, "shop.example.com", "/api/b");
            RawHttp.Response post = RawHttp.exchange(s, "POST", "/api/c", "shop.example.com",
                    "once".getBytes(StandardCharsets.US_ASCII));

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isNotEqualTo(first.text());
            // a request with a body may have been acted on: it is not sent twice
            assertThat(post.status()).isEqualTo(502);
        }
    }

    @Test
    void answers502WhenNoEndpointAcceptsAConnection() throws Exception {
        endpoints.put("shop/api/http", List.of(deadEndpoint(), deadEndpoint()));
        try (Socket s = RawHttp.connect(http, null)) {
            RawHttp.Response r = RawHttp.exchange(s, "POST", "/api", "shop.example.com",
                    "payload".getBytes(StandardCharsets.US_ASCII));

            assertThat(r.status()).isEqualTo(502);
            assertThat(r.text()).contains("service shop/api");
        }
    }

    @Test
    void updateSwapsTheRoutesForTheNextRequest() throws Exception {
        try (Socket s = RawHttp.connect(http, null)) {
            assertThat(RawHttp.get(s, "shop.example.com", "/").fields()).containsEntry("service", "web");

            proxy.update(routes(ingress("shop", "storefront")
                    .path("shop.example.com", "/", "Prefix", "api", "http").build()));

            assertThat(RawHttp.get(s, "shop.example.com", "/").fields()).containsEntry("service", "api");
            assertThat(proxy.routes().backends()).containsExactly(new Backend("shop", "api", "http"));
        }
    }

    @Test
    void servesTheCertificateOfTheSecretNamedForTheSniHost() throws Exception {
        TestCertificates.PemPair secure = TestCertificates.selfSigned("secure.example.com", "RSA");
        Map<String, ObjectNode> secrets = new ConcurrentHashMap<>();
        secrets.put("shop/secure-tls",
                TestIngress.tlsSecret("shop", "secure-tls", secure.certificate(), secure.privateKey()));
        ObjectNode ing = ingress("shop", "secure")
                .path("secure.example.com", "/", "Prefix", "web", 80)
                .tls("secure-tls", "secure.example.com")
                .build();
        proxy.update(IngressRoutes.from(List.of(ing), ref -> Optional.ofNullable(secrets.get(ref)), "skiff", true));

        try (SSLSocket s = RawHttp.connectTls(https, "secure.example.com")) {
            assertThat(peerSubject(s)).isEqualTo("CN=secure.example.com");
            RawHttp.Response r = RawHttp.get(s, "secure.example.com", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.fields()).containsEntry("service", "web").containsEntry("x-forwarded-proto", "https");
        }
        try (SSLSocket s = RawHttp.connectTls(https, "unknown.example.com")) {
            assertThat(peerSubject(s)).isEqualTo("CN=" + DefaultCertificate.COMMON_NAME);
        }
        try (SSLSocket s = RawHttp.connectTls(https, null)) {
            assertThat(peerSubject(s)).isEqualTo("CN=" + DefaultCertificate.COMMON_NAME);
        }

        TestCertificates.PemPair renewed = TestCertificates.selfSigned("secure.example.com", "EC");
        secrets.put("shop/secure-tls",
                TestIngress.tlsSecret("shop", "secure-tls", renewed.certificate(), renewed.privateKey()));
        proxy.update(IngressRoutes.from(List.of(ing), ref -> Optional.ofNullable(secrets.get(ref)), "skiff", true));

        try (SSLSocket s = RawHttp.connectTls(https, "secure.example.com")) {
            assertThat(((X509Certificate) s.getSession().getPeerCertificates()[0]).getPublicKey().getAlgorithm())
                    .isEqualTo("EC");
        }
    }

    @Test
    void tunnelsWebSocketUpgrades() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer echo = vertx.createHttpServer()
                    .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                    .listen(0, "127.1.0.104").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            endpoints.put("shop/chat/80", List.of(new InetSocketAddress("127.1.0.104", echo.actualPort())));
            proxy.update(routes(ingress("shop", "chat").path("", "/chat", "Prefix", "chat", 80).build()));
            CompletableFuture<String> received = new CompletableFuture<>();

            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + PROXY_IP + ":" + http.getPort() + "/chat"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            received.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hello through the ingress", true);

            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello through the ingress");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesToStartWhereAnotherServerListens() {
        assertThatThrownBy(() -> IngressProxy.start(http, null, (ns, service, port) -> List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on http " + http);
    }

    @Test
    void loadBalancerStatusNamesTheIp() {
        assertThat(IngressStatus.loadBalancerStatus("127.0.0.1").toString())
                .isEqualTo("{\"ingress\":[{\"ip\":\"127.0.0.1\"}]}");
    }

    private static String peerSubject(SSLSocket s) throws Exception {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    /** An address where nothing listens: connections are refused at once. */
    private static InetSocketAddress deadEndpoint() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.1.0.109"))) {
            return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
