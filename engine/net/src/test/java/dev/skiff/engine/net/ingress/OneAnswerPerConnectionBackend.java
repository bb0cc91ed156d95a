package dev.skiff.engine.net.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that answers the first request of each connection with keep-alive and closes the connection when a
 * second request arrives on it, without answering: the race a proxy meets when it reuses a pooled connection
 * that the backend is just closing.
 */
final class OneAnswerPerConnectionBackend implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    OneAnswerPerConnectionBackend(String ip) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName(ip));
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int request = 1; ; request++) {
                String line = RawHttp.line(in);
                if (line == null) {
                    return;
                }
                Map<String, List<String>> headers = RawHttp.headers(in);
                if (headers.containsKey("content-length")) {
                    in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
                }
                if (request > 1) {
                    return;
                }
                byte[] body = ("connection=" + id + "\n").getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the proxy went away: nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
