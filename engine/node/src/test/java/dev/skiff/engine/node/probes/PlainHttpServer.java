package dev.skiff.engine.node.probes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP server that, like nginx, answers a TLS handshake with {@code 400 Bad Request} in plain HTTP, and any
 * plain request with {@code 200 plain}: an HTTPS client thus learns it reached a plain HTTP server.
 */
final class PlainHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    final AtomicInteger plainRequests = new AtomicInteger();

    PlainHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(this::acceptAll);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            int first = in.read();
            if (first == 0x16) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            // Read up to the end of the request head.
            int state = 0;
            int b = first;
            while (b >= 0) {
                state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
                if (state == 4) {
                    break;
                }
                b = in.read();
            }
            plainRequests.incrementAndGet();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nplain"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // The client went away; nothing to serve.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
