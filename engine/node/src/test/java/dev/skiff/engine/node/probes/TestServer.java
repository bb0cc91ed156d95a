package dev.skiff.engine.node.probes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A local HTTP(S) server on 127.0.0.1 with the endpoints the tests probe. */
final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    private TestServer(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        respond("/ok", 200, "fine");
        respond("/fail", 500, "secret details");
        respond("/nocontent", 204, "");
        redirect("/redirect", "/ok");
        redirect("/redirect-fail", "/fail");
        redirect("/loop", "/loop");
        server.createContext("/offhost", x -> {
            // Same server, but named "localhost": another host for the prober.
            x.getResponseHeaders().add("Location", "http://localhost:" + port() + "/ok");
            send(x, 302, "moved away");
        });
        server.createContext("/slow", x -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 200, "late");
        });
        server.createContext("/headers", x -> {
            Map<String, String> seen = new TreeMap<>();
            x.getRequestHeaders().forEach((k, v) -> seen.put(k, String.join(",", v)));
            send(x, 200, seen.toString());
        });
        server.createContext("/big", x -> send(x, 200, "x".repeat(50_000)));
        server.start();
    }

    static TestServer http() throws IOException {
        return new TestServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** An HTTPS server with a throw-away self-signed certificate (made with the JDK's keytool). */
    static TestServer https(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=not-the-pod", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new TestServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void respond(String path, int status, String body) {
        server.createContext(path, x -> send(x, status, body));
    }

    void handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    private void redirect(String path, String location) {
        server.createContext(path, x -> {
            x.getResponseHeaders().add("Location", location);
            send(x, 302, "");
        });
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
