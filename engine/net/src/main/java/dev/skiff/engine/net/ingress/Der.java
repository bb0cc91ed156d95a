package dev.skiff.engine.net.ingress;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few ASN.1 DER shapes the ingress needs: enough to wrap PKCS#1 and SEC1 private keys as PKCS#8 (the only
 * form the JDK's key factories read) and to write the default self-signed certificate, since the JDK has no
 * public API for either.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {
    }

    /** One decoded tag-length-value: the tag byte and the content bytes. */
    record Element(int tag, byte[] content) {
        /** The elements inside a constructed element (a SEQUENCE, a SET, an explicit tag). */
        List<Element> children() {
            return Der.read(content);
        }

        /** This element encoded again, tag and length included. */
        byte[] encoded() {
            return Der.tlv(tag, content);
        }
    }

    /** Reads the consecutive elements of {@code bytes}. */
    static List<Element> read(byte[] bytes) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int tag = bytes[i++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte ASN.1 tags are not supported");
            }
            if (i >= bytes.length) {
                throw new IllegalArgumentException("truncated ASN.1 element");
            }
            int first = bytes[i++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7f;
                if (count == 0 || count > 4 || i + count > bytes.length) {
                    throw new IllegalArgumentException("bad ASN.1 length");
                }
                length = 0;
                for (int k = 0; k < count; k++) {
                    length = (length << 8) | (bytes[i++] & 0xff);
                }
            }
            if (length > bytes.length - i) {
                throw new IllegalArgumentException("truncated ASN.1 element");
            }
            byte[] content = new byte[(int) length];
            System.arraycopy(bytes, i, content, 0, content.length);
            i += content.length;
            out.add(new Element(tag, content));
        }
        return out;
    }

    /** Reads exactly one element. */
    static Element readOne(byte[] bytes) {
        List<Element> all = read(bytes);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one ASN.1 element, found " + all.size());
        }
        return all.get(0);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tlv(SET, concat(parts));
    }

    /** A context-specific constructed tag {@code [n]} around {@code parts} (EXPLICIT tagging). */
    static byte[] explicit(int n, byte[]... parts) {
        return tlv(0xa0 | n, concat(parts));
    }

    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] octetString(byte[] content) {
        return tlv(OCTET_STRING, content);
    }

    /** A BIT STRING of whole bytes (no unused bits). */
    static byte[] bitString(byte[] content) {
        byte[] withPad = new byte[content.length + 1];
        System.arraycopy(content, 0, withPad, 1, content.length);
        return tlv(BIT_STRING, withPad);
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An OBJECT IDENTIFIER from its dotted form ("1.2.840.10045.2.1"). */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((value >>> (7 * g)) & 0x7f);
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
