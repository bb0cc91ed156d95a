package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The proxy's state for one Service port: its listeners, how it picks endpoints, its open connections. */
final class ServicePort {

    private final String key;
    private final Protocol protocol;
    private final EndpointPicker picker = new EndpointPicker();
    private final AtomicInteger activeConnections = new AtomicInteger();
    /** Guarded by the owning {@link ServiceProxy}. */
    private final Map<InetSocketAddress, Listener> listeners = new LinkedHashMap<>();

    ServicePort(String key, Protocol protocol) {
        this.key = key;
        this.protocol = protocol;
    }

    String key() {
        return key;
    }

    Protocol protocol() {
        return protocol;
    }

    EndpointPicker picker() {
        return picker;
    }

    Map<InetSocketAddress, Listener> listeners() {
        return listeners;
    }

    void connectionOpened() {
        activeConnections.incrementAndGet();
    }

    void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    int activeConnections() {
        return activeConnections.get();
    }
}
