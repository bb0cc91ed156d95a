package dev.skiff.engine.net.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** Domain-name helpers: the lookup form of a name, its size on the wire, and reverse-lookup names. */
final class DnsNames {

    private DnsNames() {
    }

    /**
     * The form names are kept in: lower case, absolute (ends with a dot). DNS compares names without
     * regard to ASCII case; {@code toLowerCase} returns the same string when nothing changes, so the
     * common all-lower-case query costs no allocation.
     */
    static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /** Bytes the name takes in a message when written without compression (as Netty writes it). */
    static int wireLength(String name) {
        if (name.isEmpty() || name.equals(".")) {
            return 1;
        }
        // one length byte per label plus the terminating zero: the dots become length bytes
        return name.endsWith(".") ? name.length() + 1 : name.length() + 2;
    }

    /** True when {@code name} is {@code zone} or lies below it; both in {@link #key} form. */
    static boolean isWithin(String name, String zone) {
        return name.equals(zone)
                || (name.length() > zone.length()
                && name.endsWith(zone)
                && name.charAt(name.length() - zone.length() - 1) == '.');
    }

    /** The name under in-addr.arpa or ip6.arpa whose PTR record names this address. */
    static String reverseName(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder(bytes.length == 4 ? 29 : 73);
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append('.');
            }
            return name.append("in-addr.arpa.").toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            name.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.');
            name.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append('.');
        }
        return name.append("ip6.arpa.").toString();
    }

    /**
     * The label an endpoint without a hostname is known by, as kube-dns and CoreDNS make it: the
     * address's text with dots (IPv4) or colons (IPv6, compressed form) turned into dashes.
     */
    static String dashedAddress(InetAddress address) {
        String text = address instanceof Inet6Address ? compressedIpv6(address.getAddress()) : address.getHostAddress();
        return text.replace('.', '-').replace(':', '-');
    }

    /** RFC 5952 text of an IPv6 address: the longest run (of two or more) of zero groups becomes "::". */
    static String compressedIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
