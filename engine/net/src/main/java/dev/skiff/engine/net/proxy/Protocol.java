package dev.skiff.engine.net.proxy;

import java.util.Locale;

/** The protocol of a Service port, as {@code spec.ports[].protocol} names it. */
public enum Protocol {
    TCP,
    UDP,
    /** Kubernetes allows it; this proxy does not carry it ({@link ServiceProxy#apply} refuses it). */
    SCTP;

    /**
     * Reads {@code spec.ports[].protocol}; Kubernetes defaults a missing protocol to TCP.
     *
     * @throws IllegalArgumentException for a value Kubernetes does not know
     */
    public static Protocol of(String value) {
        if (value == null || value.isEmpty()) {
            return TCP;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unsupported value: \"" + value + "\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }
    }
}
