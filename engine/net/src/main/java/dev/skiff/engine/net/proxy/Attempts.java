package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The endpoints one new connection may try, in order: the chosen one first, then the others in turn (used
 * when an endpoint refuses or does not answer before any byte was sent).
 */
record Attempts(List<InetSocketAddress> endpoints, int first) {

    static final Attempts NONE = new Attempts(List.of(), 0);

    boolean isEmpty() {
        return endpoints.isEmpty();
    }

    int count() {
        return endpoints.size();
    }

    /** The endpoint for try number {@code attempt} (0 = the chosen one). */
    InetSocketAddress endpoint(int attempt) {
        return endpoints.get((first + attempt) % endpoints.size());
    }
}
