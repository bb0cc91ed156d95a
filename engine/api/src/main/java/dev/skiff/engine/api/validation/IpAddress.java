package dev.skiff.engine.api.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address parsed like {@code netutils.ParseIPSloppy} (IPv4 parts may have leading zeros), without ever
 * touching DNS: only literals are accepted.
 */
record IpAddress(byte[] bytes) {

    /** The address, or empty when {@code text} is not an IP literal. */
    static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return parseV4(text).map(IpAddress::new);
        }
        // Only hex digits, colons and an embedded dotted quad: InetAddress then parses a literal, never DNS.
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            byte[] raw = InetAddress.getByName(text).getAddress();
            return Optional.of(new IpAddress(raw));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A CIDR like {@code ParseCIDRSloppy}: address, slash, prefix length within the family's size. */
    static Optional<Cidr> parseCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<IpAddress> ip = parse(text.substring(0, slash));
        String bits = text.substring(slash + 1);
        if (ip.isEmpty() || !bits.matches("[0-9]{1,3}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(bits);
        int max = ip.get().isV4() ? 32 : 128;
        if (prefix > max) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(ip.get(), prefix));
    }

    private static Optional<byte[]> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    /** Whether Go would see an IPv4 address (including IPv4-mapped IPv6 forms, which {@code To4} accepts). */
    boolean isV4() {
        return bytes.length == 4;
    }

    boolean isUnspecified() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    boolean isLoopback() {
        if (isV4()) {
            return (bytes[0] & 0xff) == 127;
        }
        byte[] one = new byte[16];
        one[15] = 1;
        return Arrays.equals(bytes, one);
    }

    boolean isLinkLocalUnicast() {
        if (isV4()) {
            return (bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254;
        }
        return (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    boolean isLinkLocalMulticast() {
        if (isV4()) {
            return (bytes[0] & 0xff) == 224 && bytes[1] == 0 && bytes[2] == 0;
        }
        return (bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02;
    }

    /** An address range. */
    record Cidr(IpAddress ip, int prefix) {

        /** Whether {@code other} lies inside this range. */
        boolean contains(IpAddress other) {
            if (other.bytes().length != ip.bytes().length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((ip.bytes()[bit / 8] & mask) != (other.bytes()[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
