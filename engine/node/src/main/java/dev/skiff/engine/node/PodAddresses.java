package dev.skiff.engine.node;

import java.util.HashSet;
import java.util.Set;

/**
 * Gives each pod its own loopback address from 127.1.0.0/16 (every 127/8 address reaches this machine, so a
 * pod's servers bind its address and never collide with another pod's on the same port). Addresses of pods
 * that outlive an engine restart are claimed again from their status.
 */
final class PodAddresses {
    private static final int FIRST = (127 << 24) | (1 << 16) | 1;
    private static final int LAST = (127 << 24) | (1 << 16) | 0xfffe;

    private final Set<Integer> used = new HashSet<>();
    private int next = FIRST;

    synchronized String allocate() {
        for (int tries = 0; tries <= LAST - FIRST; tries++) {
            int candidate = next;
            next = next >= LAST ? FIRST : next + 1;
            if (used.add(candidate)) {
                return format(candidate);
            }
        }
        throw new IllegalStateException("all 65,534 pod addresses in 127.1.0.0/16 are in use");
    }

    /** Takes an address a pod already has; false when it is outside the range or taken. */
    synchronized boolean claim(String address) {
        Integer value = parse(address);
        return value != null && value >= FIRST && value <= LAST && used.add(value);
    }

    synchronized void release(String address) {
        Integer value = parse(address);
        if (value != null) {
            used.remove(value);
        }
    }

    private static String format(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    private static Integer parse(String address) {
        if (address == null) {
            return null;
        }
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        try {
            for (String p : parts) {
                int octet = Integer.parseInt(p);
                if (octet < 0 || octet > 255) {
                    return null;
                }
                v = (v << 8) | octet;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v;
    }
}
