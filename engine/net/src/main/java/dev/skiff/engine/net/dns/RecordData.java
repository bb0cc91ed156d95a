package dev.skiff.engine.net.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the RDATA of the record types the cluster zone holds (RFC 1035, RFC 2782). */
final class RecordData {

    private RecordData() {
    }

    /** RDATA of a CNAME, PTR or NS record: one domain name. */
    static byte[] name(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(DnsNames.wireLength(name));
        writeName(out, name);
        return out.toByteArray();
    }

    /** RDATA of an SRV record. */
    static byte[] srv(int priority, int weight, int port, String target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(6 + DnsNames.wireLength(target));
        writeShort(out, priority);
        writeShort(out, weight);
        writeShort(out, port);
        writeName(out, target);
        return out.toByteArray();
    }

    /** RDATA of a TXT record holding one string. */
    static byte[] text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("TXT string longer than 255 bytes");
        }
        byte[] rdata = new byte[bytes.length + 1];
        rdata[0] = (byte) bytes.length;
        System.arraycopy(bytes, 0, rdata, 1, bytes.length);
        return rdata;
    }

    /** RDATA of an SOA record. */
    static byte[] soa(String primary, String mailbox, long serial, int refresh, int retry, int expire, int minimum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeName(out, primary);
        writeName(out, mailbox);
        writeInt(out, (int) serial);
        writeInt(out, refresh);
        writeInt(out, retry);
        writeInt(out, expire);
        writeInt(out, minimum);
        return out.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        if (!name.equals(".")) {
            for (String label : name.split("\\.")) {
                if (label.isEmpty()) {
                    continue;
                }
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length > 63) {
                    throw new IllegalArgumentException("label longer than 63 characters in " + name);
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value >>> 16);
        writeShort(out, value & 0xffff);
    }
}
