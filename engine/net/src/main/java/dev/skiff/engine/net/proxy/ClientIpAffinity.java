package dev.skiff.engine.net.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per client IP, the endpoint its last connection went to. Like Kubernetes' ClientIP affinity, the
 * timeout runs from the client's last new connection, and a remembered endpoint counts only while it is ready.
 */
final class ClientIpAffinity {

    private record Sticky(InetSocketAddress endpoint, long lastUsedNanos) {
    }

    private final long timeoutNanos;
    private final ConcurrentHashMap<InetAddress, Sticky> byClient = new ConcurrentHashMap<>();

    ClientIpAffinity(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** The client's endpoint if it has one that has not timed out, else null. */
    InetSocketAddress endpointFor(InetAddress client, long nowNanos) {
        Sticky sticky = byClient.get(client);
        if (sticky == null) {
            return null;
        }
        if (nowNanos - sticky.lastUsedNanos >= timeoutNanos) {
            byClient.remove(client, sticky);
            return null;
        }
        return sticky.endpoint;
    }

    void used(InetAddress client, InetSocketAddress endpoint, long nowNanos) {
        byClient.put(client, new Sticky(endpoint, nowNanos));
    }

    /** Forgets clients whose timeout has passed, so that the table does not grow without bound. */
    void expire(long nowNanos) {
        byClient.values().removeIf(sticky -> nowNanos - sticky.lastUsedNanos >= timeoutNanos);
    }

    int size() {
        return byClient.size();
    }
}
