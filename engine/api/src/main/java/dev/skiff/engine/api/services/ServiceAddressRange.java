package dev.skiff.engine.api.services;

/**
 * The range Service cluster IPs come from: 127.96.0.0/12, inside loopback so that every address reaches this
 * machine and the engine's proxy can listen on it, and apart from the pods' 127.1.0.0/16. The first address
 * is the {@code kubernetes} Service's, the tenth cluster DNS's, as in a cluster.
 */
public final class ServiceAddressRange {
    public static final String CIDR = "127.96.0.0/12";
    static final int FIRST = (127 << 24) | (96 << 16);
    static final int SIZE = 1 << 20;
    public static final String KUBERNETES_SERVICE_IP = "127.96.0.1";
    public static final String DNS_SERVICE_IP = "127.96.0.10";
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;

    private ServiceAddressRange() {
    }

    /** The address as an int, or null when it is not an IPv4 address. */
    static Integer parse(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return null;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    static String format(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** Usable addresses: not the network address (.0.0) nor the broadcast one. */
    static boolean contains(int address) {
        long offset = (address & 0xffffffffL) - (FIRST & 0xffffffffL);
        return offset > 0 && offset < SIZE - 1;
    }
}
