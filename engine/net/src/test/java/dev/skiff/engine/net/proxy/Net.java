package dev.skiff.engine.net.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Client-side helpers for the proxy tests. */
final class Net {

    private Net() {
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port nothing listens on at {@code ip} right now. */
    static InetSocketAddress freeTcp(String ip) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address(ip, 0));
            return address(ip, probe.getLocalPort());
        }
    }

    static InetSocketAddress freeUdp(String ip) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(address(ip, 0))) {
            return address(ip, probe.getLocalPort());
        }
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /**
     * Whether nothing listens on {@code address}. On NIO a closed listening socket lingers until its selector's
     * next pass, so tests wait for this rather than expect it the moment a listener was removed.
     */
    static boolean refused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects and reads, expecting a reset: the error the client sees (it comes from connect when the reset
     * arrives before the handshake was seen through, else from the first read).
     */
    static SocketException resetOnConnectOrFirstRead(InetSocketAddress address) throws IOException {
        try (Socket socket = connect(address)) {
            int read = socket.getInputStream().read();
            throw new AssertionError("expected a reset, read " + read);
        } catch (SocketException e) {
            return e;
        }
    }

    /** Sends {@code text}, ends the output, reads to the end: what the echo server sent back. */
    static String exchange(InetSocketAddress address, String text) throws IOException {
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        }
    }

    /** The name of the echo server that served one fresh connection. */
    static String servedBy(InetSocketAddress address) throws IOException {
        String reply = exchange(address, "");
        return reply.substring(reply.indexOf('|') + 1);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        return in.readNBytes(length);
    }

    /** Waits for a condition that the proxy's event loops make true, failing after 5 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
