package dev.skiff.engine.net.dns;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A tiny DNS client for tests: builds a query, sends it over UDP or TCP, and parses the reply. */
final class DnsTestClient implements AutoCloseable {

    static final int A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, TXT = 16, AAAA = 28, SRV = 33, OPT = 41, ANY = 255;

    private final InetSocketAddress server;
    private final DatagramSocket socket;
    private final byte[] buffer = new byte[65535];

    DnsTestClient(InetSocketAddress server) {
        this.server = server;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply udp(String name, int type) {
        return udp(query(nextId(), name, type, false));
    }

    Reply udpEdns(String name, int type) {
        return udp(query(nextId(), name, type, true));
    }

    Reply udp(byte[] query) {
        try {
            socket.send(new DatagramPacket(query, query.length, server));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Reply.parse(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply tcp(String name, int type) {
        byte[] query = query(nextId(), name, type, false);
        try (Socket tcp = new Socket(server.getAddress(), server.getPort())) {
            tcp.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return Reply.parse(ByteBuffer.wrap(reply));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    static int nextId() {
        return ThreadLocalRandom.current().nextInt(1 << 16);
    }

    static byte[] query(int id, String name, int type, boolean edns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeShort(id);
            out.writeShort(0x0100); // RD
            out.writeShort(1);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(edns ? 1 : 0);
            writeName(out, name);
            out.writeShort(type);
            out.writeShort(1);
            if (edns) {
                out.writeByte(0);
                out.writeShort(OPT);
                out.writeShort(4096);
                out.writeInt(0);
                out.writeShort(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void writeName(DataOutputStream out, String name) throws IOException {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                out.writeByte(label.length());
                out.write(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeByte(0);
    }

    /** One record of a reply, its data as text: an address, a name, "priority weight port target", ... */
    record Rr(String name, int type, long ttl, String data) {
    }

    /** A parsed reply. */
    record Reply(int id, boolean authoritative, boolean truncated, boolean recursionAvailable, int rcode,
                 String question, List<Rr> answer, List<Rr> authority, List<Rr> additional) {

        static final int NOERROR = 0, FORMERR = 1, SERVFAIL = 2, NXDOMAIN = 3, NOTIMP = 4, REFUSED = 5;

        List<String> data(int type) {
            return answer.stream().filter(rr -> rr.type() == type).map(Rr::data).toList();
        }

        static Reply parse(ByteBuffer in) {
            int id = in.getShort() & 0xffff;
            int flags = in.getShort() & 0xffff;
            int qd = in.getShort() & 0xffff;
            int an = in.getShort() & 0xffff;
            int ns = in.getShort() & 0xffff;
            int ar = in.getShort() & 0xffff;
            String question = null;
            for (int i = 0; i < qd; i++) {
                question = readName(in);
                in.getInt();
            }
            List<Rr> answer = records(in, an);
            List<Rr> authority = records(in, ns);
            List<Rr> additional = records(in, ar);
            return new Reply(id, (flags & 0x0400) != 0, (flags & 0x0200) != 0, (flags & 0x0080) != 0, flags & 0xf,
                    question, answer, authority, additional);
        }

        private static List<Rr> records(ByteBuffer in, int count) {
            List<Rr> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = readName(in);
                int type = in.getShort() & 0xffff;
                in.getShort();
                long ttl = in.getInt() & 0xffffffffL;
                int length = in.getShort() & 0xffff;
                int end = in.position() + length;
                String data = switch (type) {
                    case A, AAAA -> {
                        byte[] address = new byte[length];
                        in.get(address);
                        try {
                            yield InetAddress.getByAddress(address).getHostAddress();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    case CNAME, PTR, NS -> readName(in);
                    case SRV -> (in.getShort() & 0xffff) + " " + (in.getShort() & 0xffff) + " "
                            + (in.getShort() & 0xffff) + " " + readName(in);
                    case SOA -> readName(in) + " " + readName(in) + " " + (in.getInt() & 0xffffffffL) + " "
                            + in.getInt() + " " + in.getInt() + " " + in.getInt() + " " + in.getInt();
                    case TXT -> {
                        byte[] text = new byte[in.get() & 0xff];
                        in.get(text);
                        yield new String(text, StandardCharsets.UTF_8);
                    }
                    default -> "";
                };
                in.position(end);
                records.add(new Rr(name, type, ttl, data));
            }
            return records;
        }

        /** Reads a possibly compressed name; returns it absolute ("a.b."), "." for the root. */
        static String readName(ByteBuffer in) {
            StringBuilder name = new StringBuilder();
            int position = in.position();
            int resume = -1;
            while (true) {
                int length = in.get(position) & 0xff;
                if ((length & 0xc0) == 0xc0) {
                    if (resume < 0) {
                        resume = position + 2;
                    }
                    position = ((length & 0x3f) << 8) | (in.get(position + 1) & 0xff);
                    continue;
                }
                position++;
                if (length == 0) {
                    break;
                }
                byte[] label = new byte[length];
                in.get(position, label);
                name.append(new String(label, StandardCharsets.US_ASCII)).append('.');
                position += length;
            }
            in.position(resume >= 0 ? resume : position);
            return name.isEmpty() ? "." : name.toString();
        }
    }
}
