package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The two processes of {@code bench/proxy-bench.sh} that are not HAProxy or wrk:
 * <ul>
 *   <li>{@code ProxyBench backends PORT IP...}: one small HTTP/1.1 keep-alive server per IP (what a pod would
 *       run): {@code GET /} answers 13 bytes, {@code GET /1m} answers 1 MiB; a request with
 *       {@code Connection: close} gets its answer and the end of the connection.</li>
 *   <li>{@code ProxyBench proxy LISTEN_IP:PORT ENDPOINT_IP:PORT...}: Skiff's service proxy
 *       ({@code dev.skiff.engine.net.proxy.ServiceProxy}) with one TCP Service port, as the engine would run it.</li>
 * </ul>
 * Each prints {@code ready} once it serves and runs until it is killed.
 *
 * <p>The bench module depends on nothing of the engine (its drivers talk to the engine as clients do), so the
 * proxy is found on the class path at run time, by name; the script puts engine/net's classes and Netty there.
 */
public final class ProxyBench {

    private static final byte[] SMALL = response("hello, world\n".getBytes(US_ASCII), false);
    private static final byte[] SMALL_THEN_CLOSE = response("hello, world\n".getBytes(US_ASCII), true);
    private static final byte[] ONE_MIB = response(filled(1024 * 1024), false);

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("backends")) {
            int port = Integer.parseInt(args[1]);
            for (String ip : Arrays.copyOfRange(args, 2, args.length)) {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 4096);
                Thread.ofPlatform().daemon().start(() -> accept(server));
            }
        } else if (args.length >= 3 && args[0].equals("proxy")) {
            List<InetSocketAddress> endpoints = new ArrayList<>();
            for (String endpoint : Arrays.copyOfRange(args, 2, args.length)) {
                endpoints.add(socketAddress(endpoint));
            }
            startSkiffProxy(socketAddress(args[1]), endpoints);
        } else {
            System.err.println("usage: ProxyBench backends PORT IP... | proxy LISTEN_IP:PORT ENDPOINT_IP:PORT...");
            System.exit(2);
        }
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** {@code ServiceProxy.start().apply("bench/web:http", [listen], TCP, endpoints, Affinity.NONE)}. */
    private static void startSkiffProxy(InetSocketAddress listen, List<InetSocketAddress> endpoints)
            throws ReflectiveOperationException {
        String pkg = "dev.skiff.engine.net.proxy.";
        Class<?> serviceProxy = Class.forName(pkg + "ServiceProxy");
        Class<?> protocol = Class.forName(pkg + "Protocol");
        Class<?> affinity = Class.forName(pkg + "Affinity");
        Object proxy = serviceProxy.getMethod("start").invoke(null);
        Object tcp = protocol.getMethod("valueOf", String.class).invoke(null, "TCP");
        Object none = affinity.getField("NONE").get(null);
        serviceProxy.getMethod("apply", String.class, List.class, protocol, List.class, affinity)
                .invoke(proxy, "bench/web:http", List.of(listen), tcp, endpoints, none);
        System.err.println("skiff proxy: native transport " + serviceProxy.getMethod("nativeTransport").invoke(proxy));
    }

    private static void accept(ServerSocket server) {
        while (true) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers requests one after another on one connection (wrk does not pipeline). */
    private static void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            int filled = 0;
            while (true) {
                int end = headerEnd(buffer, filled);
                if (end < 0) {
                    if (filled == buffer.length) {
                        return; // a request head larger than anything wrk sends
                    }
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        return;
                    }
                    filled += n;
                    continue;
                }
                boolean big = startsWith(buffer, "GET /1m");
                boolean close = contains(buffer, end, "Connection: close");
                out.write(big ? ONE_MIB : close ? SMALL_THEN_CLOSE : SMALL);
                out.flush();
                if (close) {
                    return;
                }
                System.arraycopy(buffer, end, buffer, 0, filled - end);
                filled -= end;
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** The index just past the first blank line, or -1. */
    private static int headerEnd(byte[] buffer, int length) {
        for (int i = 3; i < length; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] buffer, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (buffer[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] buffer, int length, String text) {
        return new String(buffer, 0, length, US_ASCII).contains(text);
    }

    private static byte[] response(byte[] body, boolean close) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n").getBytes(US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] filled(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    private static InetSocketAddress socketAddress(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
                Integer.parseInt(text.substring(colon + 1)));
    }
}
