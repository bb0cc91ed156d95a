package dev.skiff.engine.node.probes;

import java.util.List;

/**
 * Go's ways of writing values in messages, which the kubelet's event texts are made of (quoting and durations
 * are in {@code dev.skiff.engine.api.text}).
 */
final class GoText {
    private GoText() {
    }

    /** Go's {@code %v} of a string slice: {@code [sh -c exit 1]}. */
    static String list(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }

    /** Go's {@code net.JoinHostPort}: brackets around IPv6 addresses. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
