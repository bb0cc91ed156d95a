package dev.skiff.cli.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The small HTTP server the end-to-end tests run as pods: binds its pod's address ({@code POD_IP}) on
 * {@code PORT} (8080), answers {@code /} with its pod name and {@code VERSION}, {@code /healthz} with 200 until
 * {@code /fail} is called, and logs each request to stdout. SIGTERM is logged before exit, so tests can see the
 * order of preStop and SIGTERM.
 */
public final class HelloServer {
    private static volatile boolean healthy = true;

    public static void main(String[] args) throws IOException {
        String ip = System.getenv().getOrDefault("POD_IP", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String version = System.getenv().getOrDefault("VERSION", "v1");
        String pod = System.getenv().getOrDefault("HOSTNAME", "?");
        HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            System.out.println("request " + path);
            int code = 200;
            String body = "hello from " + pod + " " + version + "\n";
            if (path.equals("/healthz")) {
                code = healthy ? 200 : 500;
                body = healthy ? "ok\n" : "failing\n";
            } else if (path.equals("/fail")) {
                healthy = false;
                body = "now failing\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("got SIGTERM, stopping");
            System.out.flush();
            server.stop(0);
        }));
        server.start();
        System.out.println("listening on " + ip + ":" + port + " as " + version);
    }
}
