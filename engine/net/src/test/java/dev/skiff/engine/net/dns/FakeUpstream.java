package dev.skiff.engine.net.dns;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream name server for tests, on loopback: answers A questions from a map (with names compressed,
 * as real servers write them), NXDOMAIN for others; can stay silent, or truncate over UDP and answer
 * whole over TCP.
 */
final class FakeUpstream implements AutoCloseable {

    private final DatagramSocket socket;
    private final ServerSocket tcp;
    private final Map<String, List<String>> addresses = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread udpThread;
    private final Thread tcpThread;
    private volatile boolean silent;
    private volatile boolean truncateUdp;

    FakeUpstream() throws IOException {
        // UDP and TCP on one port number: try ports until the TCP side of a free UDP port is free too
        DatagramSocket udp = null;
        ServerSocket stream = null;
        for (int attempt = 0; stream == null; attempt++) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                stream = new ServerSocket(udp.getLocalPort(), 10, InetAddress.getLoopbackAddress());
            } catch (java.net.BindException e) {
                udp.close();
                if (attempt == 50) {
                    throw e;
                }
            }
        }
        socket = udp;
        tcp = stream;
        udpThread = Thread.ofPlatform().daemon().name("fake-upstream-udp").start(this::serveUdp);
        tcpThread = Thread.ofPlatform().daemon().name("fake-upstream-tcp").start(this::serveTcp);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    FakeUpstream answer(String name, String... ipv4) {
        String key = name.toLowerCase(Locale.ROOT);
        addresses.put(key.endsWith(".") ? key : key + ".", List.of(ipv4));
        return this;
    }

    FakeUpstream silent() {
        silent = true;
        return this;
    }

    FakeUpstream truncateUdp() {
        truncateUdp = true;
        return this;
    }

    /** Names asked so far, as "name type". */
    List<String> questions() {
        return questions;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] reply = reply(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()), truncateUdp);
                if (silent) {
                    continue;
                }
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket connection = tcp.accept()) {
                DataInputStream in = new DataInputStream(connection.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] reply = reply(ByteBuffer.wrap(query), false);
                DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a client that went away
            }
        }
    }

    private byte[] reply(ByteBuffer query, boolean truncate) throws IOException {
        int id = query.getShort() & 0xffff;
        int flags = query.getShort() & 0xffff;
        query.position(12);
        String name = DnsTestClient.Reply.readName(query);
        int type = query.getShort() & 0xffff;
        query.getShort();
        int questionEnd = query.position();
        questions.add(name + " " + type);
        List<String> found = addresses.get(name.toLowerCase(Locale.ROOT));
        boolean answer = found != null && type == DnsTestClient.A && !truncate;

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(id);
        int rcode = found == null ? 3 : 0;
        out.writeShort(0x8000 | (flags & 0x0100) | 0x0080 | (truncate ? 0x0200 : 0) | rcode);
        out.writeShort(1);
        out.writeShort(answer ? found.size() : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.write(query.array(), query.arrayOffset() + 12, questionEnd - 12);
        if (answer) {
            for (String address : found) {
                out.writeShort(0xc00c); // the question's name
                out.writeShort(DnsTestClient.A);
                out.writeShort(1);
                out.writeInt(300);
                out.writeShort(4);
                out.write(InetAddress.getByName(address).getAddress());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        tcp.close();
        udpThread.join(5000);
        tcpThread.join(5000);
    }
}
