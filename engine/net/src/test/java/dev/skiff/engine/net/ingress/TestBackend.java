package dev.skiff.engine.net.ingress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A backend pod for proxy tests, on the JDK's own HTTP server so that it shares no code with the proxy. It
 * answers with "key=value" lines describing the request it saw, and has a few special paths:
 * {@code /no-content} and {@code /not-modified} answer 204 and 304, {@code /upload} answers the SHA-256 of the body, {@code /download} sends {@link #DOWNLOAD_SIZE} bytes of
 * {@link #downloadByte(int)}, {@code /echo} streams the body back as it arrives.
 */
final class TestBackend implements AutoCloseable {
    static final int DOWNLOAD_SIZE = 1024 * 1024;
    private static final List<String> REPORTED_HEADERS = List.of("host", "x-forwarded-for", "x-real-ip",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "connection", "keep-alive", "x-custom");

    /** What each {@code /upload} saw: "started", then "complete:" and the bytes read, or "truncated". */
    final BlockingQueue<String> uploads = new LinkedBlockingQueue<>();
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private TestBackend(String name, String ip) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestBackend start(String name, String ip) throws IOException {
        return new TestBackend(name, ip);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    static byte downloadByte(int i) {
        return (byte) (i * 31 + 7);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            switch (path) {
                case "/upload" -> upload(exchange);
                case "/download" -> download(exchange);
                case "/echo" -> echo(exchange);
                case "/no-content" -> exchange.sendResponseHeaders(204, -1);
                case "/not-modified" -> exchange.sendResponseHeaders(304, -1);
                default -> describe(exchange);
            }
        }
    }

    private void describe(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        StringBuilder b = new StringBuilder();
        b.append("service=").append(name).append('\n');
        b.append("endpoint=").append(address()).append('\n');
        b.append("method=").append(exchange.getRequestMethod()).append('\n');
        b.append("uri=").append(exchange.getRequestURI().toString()).append('\n');
        for (String h : REPORTED_HEADERS) {
            List<String> values = exchange.getRequestHeaders().get(h);
            if (values != null) {
                b.append(h).append('=').append(String.join(", ", values)).append('\n');
            }
        }
        send(exchange, 200, b.toString());
    }

    private void upload(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (total == 0) {
                    uploads.add("started");
                }
                digest.update(buf, 0, n);
                total += n;
            }
            uploads.add("complete:" + total);
            send(exchange, 200, "bytes=" + total + "\nsha256=" + HexFormat.of().formatHex(digest.digest()) + "\n");
        } catch (IOException e) {
            uploads.add("truncated");
            throw e;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void download(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] block = new byte[8192];
            for (int offset = 0; offset < DOWNLOAD_SIZE; offset += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = downloadByte(offset + i);
                }
                out.write(block);
            }
        }
    }

    private void echo(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
