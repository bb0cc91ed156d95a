package dev.skiff.engine.net.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Pod records in the "pods insecure" mode of kube-dns and CoreDNS: {@code a-b-c-d.<ns>.pod.<zone>}
 * has the address written in its first label, for any namespace, without checking that such a Pod
 * exists. Made up per query; these names are never in the compiled map.
 */
final class PodNames {

    private PodNames() {
    }

    /**
     * The node for a name under {@code pod.<zone>}, or null when the name is not a pod name.
     *
     * @param name   the queried name in {@link DnsNames#key} form, within the zone
     * @param domain the cluster domain in {@link DnsNames#key} form
     */
    static ZoneNode node(String name, String domain) {
        int suffix = name.length() - domain.length() - "pod.".length();
        if (suffix < 1 || !name.startsWith("pod.", suffix) || name.charAt(suffix - 1) != '.') {
            return null;
        }
        String labels = name.substring(0, suffix - 1); // "<ip>.<ns>" or "<ns>"
        int dot = labels.indexOf('.');
        if (dot < 0) {
            return ZoneNode.EMPTY; // <ns>.pod.<zone> exists, with no records
        }
        if (labels.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        InetAddress address = parse(labels.substring(0, dot));
        if (address == null) {
            return null;
        }
        DnsRecordType type = address instanceof Inet4Address ? DnsRecordType.A : DnsRecordType.AAAA;
        ResourceRecord record = new ResourceRecord(name, type, ClusterZone.TTL, address.getAddress());
        return new ZoneNode(List.of(new RecordSet(type, List.of(record), List.of())), null);
    }

    /** The address in a dashed label: {@code 10-1-2-3}, or an IPv6 address with dashes for colons. */
    static InetAddress parse(String label) {
        String[] parts = label.split("-", -1);
        if (parts.length == 4 && !label.contains("--")) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = octet(parts[i]);
                if (value < 0) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return address(bytes);
        }
        String text = label.replace('-', ':');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // only hex digits and colons: InetAddress then parses a literal and never looks the text up
            if (!(c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int octet(String text) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
