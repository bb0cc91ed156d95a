package dev.skiff.engine.net.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP endpoint for tests: echoes what it reads as it reads it; when the client ends its output, writes
 * {@code |NAME} and closes, so a client learns which endpoint served it and that a reply after EOF arrives.
 */
final class EchoServer implements AutoCloseable {

    private final String name;
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();

    EchoServer(String name, String ip) throws IOException {
        this.name = name;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    String name() {
        return name;
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            out.write(("|" + name).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the client went away
        } finally {
            open.remove(client);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : open) {
            client.close();
        }
    }
}
