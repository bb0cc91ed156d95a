package dev.skiff.engine.net.proxy;

import java.time.Duration;

/**
 * How the proxy behaves where Kubernetes leaves it to the implementation.
 *
 * @param connectTimeout how long to wait for an endpoint to accept a connection before trying the next one
 * @param udpSessionIdleTimeout how long a UDP client's session to its endpoint lives without a datagram either
 *     way (the reply path from the endpoint back to the client is kept this long)
 * @param eventLoopThreads threads that carry all listeners and connections
 * @param preferNativeTransport use Linux epoll when its native library loads (false: always Java NIO)
 */
public record ProxySettings(Duration connectTimeout, Duration udpSessionIdleTimeout, int eventLoopThreads,
                            boolean preferNativeTransport) {

    public ProxySettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (udpSessionIdleTimeout.isNegative() || udpSessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("udpSessionIdleTimeout must be positive");
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1");
        }
    }

    /**
     * 1 s to connect, 30 s UDP idle time (the kernel's own UDP conntrack timeout), one thread per core, epoll
     * where it loads.
     */
    public static ProxySettings defaults() {
        return new ProxySettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Runtime.getRuntime().availableProcessors(), true);
    }

    public ProxySettings withUdpSessionIdleTimeout(Duration timeout) {
        return new ProxySettings(connectTimeout, timeout, eventLoopThreads, preferNativeTransport);
    }

    public ProxySettings withConnectTimeout(Duration timeout) {
        return new ProxySettings(timeout, udpSessionIdleTimeout, eventLoopThreads, preferNativeTransport);
    }

    public ProxySettings withEventLoopThreads(int threads) {
        return new ProxySettings(connectTimeout, udpSessionIdleTimeout, threads, preferNativeTransport);
    }

    public ProxySettings withPreferNativeTransport(boolean prefer) {
        return new ProxySettings(connectTimeout, udpSessionIdleTimeout, eventLoopThreads, prefer);
    }
}
