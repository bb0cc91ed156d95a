package dev.skiff.engine.net.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the endpoint for each new connection to one Service port: the client's sticky endpoint under
 * ClientIP affinity, otherwise the next ready endpoint in turn. Called from every event loop at once; the
 * endpoint list is replaced whole by {@link #update}.
 */
final class EndpointPicker {

    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> endpoints = List.of();
    private volatile Affinity affinity = Affinity.NONE;
    private volatile ClientIpAffinity clientIpAffinity;

    void update(List<InetSocketAddress> endpoints, Affinity affinity) {
        this.endpoints = List.copyOf(endpoints);
        if (!affinity.equals(this.affinity)) {
            this.clientIpAffinity = affinity instanceof Affinity.ClientIp clientIp
                    ? new ClientIpAffinity(clientIp.timeout()) : null;
            this.affinity = affinity;
        }
    }

    List<InetSocketAddress> endpoints() {
        return endpoints;
    }

    Affinity affinity() {
        return affinity;
    }

    Attempts attemptsFor(InetAddress client) {
        List<InetSocketAddress> ready = endpoints;
        if (ready.isEmpty()) {
            return Attempts.NONE;
        }
        ClientIpAffinity sticky = clientIpAffinity;
        if (sticky != null) {
            InetSocketAddress endpoint = sticky.endpointFor(client, System.nanoTime());
            int index = endpoint == null ? -1 : ready.indexOf(endpoint);
            if (index >= 0) {
                return new Attempts(ready, index);
            }
        }
        return new Attempts(ready, Math.floorMod(next.getAndIncrement(), ready.size()));
    }

    /** A connection from {@code client} reached {@code endpoint}: under ClientIP affinity, the next ones follow. */
    void connected(InetAddress client, InetSocketAddress endpoint) {
        ClientIpAffinity sticky = clientIpAffinity;
        if (sticky != null) {
            sticky.used(client, endpoint, System.nanoTime());
        }
    }

    void expireAffinity(long nowNanos) {
        ClientIpAffinity sticky = clientIpAffinity;
        if (sticky != null) {
            sticky.expire(nowNanos);
        }
    }
}
