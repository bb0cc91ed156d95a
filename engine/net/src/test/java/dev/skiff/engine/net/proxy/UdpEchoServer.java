package dev.skiff.engine.net.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A UDP endpoint for tests: answers each datagram with {@code NAME:} and the datagram. */
final class UdpEchoServer implements AutoCloseable {

    private final DatagramSocket socket;

    UdpEchoServer(String name, String ip) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
        byte[] prefix = (name + ":").getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[65536];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    socket.receive(in);
                    byte[] reply = new byte[prefix.length + in.getLength()];
                    System.arraycopy(prefix, 0, reply, 0, prefix.length);
                    System.arraycopy(in.getData(), in.getOffset(), reply, prefix.length, in.getLength());
                    socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
    }
}
