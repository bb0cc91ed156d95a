package dev.skiff.engine.net.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes Services reachable on this machine: listens on each Service port's addresses (its ClusterIP, and
 * node ports) and carries every connection or UDP exchange to one of the port's ready endpoints, like
 * kube-proxy. A controller that watches Services and EndpointSlices calls {@link #apply} for each Service port
 * whenever either changes, and {@link #remove} when the port goes away.
 *
 * <p>New TCP connections go to the ready endpoints in turn (or to the client's sticky endpoint under ClientIP
 * affinity); an endpoint that refuses or does not accept within the connect timeout is skipped for the next
 * one. With no ready endpoint a client is accepted and reset at once. Established connections keep their
 * endpoint when the endpoint list changes. Half-closes pass through. UDP clients get a session per client
 * address that ends after an idle time.
 *
 * <p>{@link #apply}, {@link #remove} and {@link #close} block while sockets are bound or closed: call them from
 * a controller thread, never from an event loop.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final long AFFINITY_SWEEP_SECONDS = 60;

    private final Transport transport;
    private final ProxySettings settings;
    private final Map<String, ServicePort> ports = new HashMap<>();
    /** Which Service port holds each listen address: SO_REUSEPORT would let a second one in silently. */
    private final Map<ListenAddress, String> owners = new HashMap<>();
    private final ScheduledFuture<?> affinitySweep;
    private boolean closed;

    private ServiceProxy(ProxySettings settings) {
        this.settings = settings;
        this.transport = Transport.create(settings.eventLoopThreads(), settings.preferNativeTransport());
        this.affinitySweep = transport.group().next().scheduleAtFixedRate(this::expireAffinity,
                AFFINITY_SWEEP_SECONDS, AFFINITY_SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the proxy's event loops, with {@link ProxySettings#defaults()}; nothing listens yet. */
    public static ServiceProxy start() {
        return start(ProxySettings.defaults());
    }

    public static ServiceProxy start(ProxySettings settings) {
        return new ServiceProxy(Objects.requireNonNull(settings, "settings"));
    }

    /** Whether Linux epoll carries the traffic (false: Java NIO, e.g. where the native library cannot load). */
    public boolean nativeTransport() {
        return transport.epoll();
    }

    /**
     * Makes one Service port what it should be. Idempotent, and cheap when nothing changed. A changed endpoint
     * list applies to the next new connection; a changed listen list binds the new addresses and closes the
     * ones no longer wanted; a changed protocol starts the port afresh.
     *
     * @param key names the Service port, e.g. {@code default/web:http}
     * @param listen addresses to listen on: the ClusterIP and port, and for NodePort and LoadBalancer Services
     *     {@code 0.0.0.0:nodePort} (and {@code 0.0.0.0:port})
     * @param protocol TCP or UDP
     * @param endpoints the ready endpoints (address and target port), possibly none
     * @param affinity the Service's session affinity
     * @throws ListenerBindException when some listen addresses could not be bound; everything else was applied
     *     and the other addresses serve; the failed ones are tried again by the next call
     * @throws UnsupportedOperationException for SCTP
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void apply(String key, List<InetSocketAddress> listen, Protocol protocol,
                                   List<InetSocketAddress> endpoints, Affinity affinity) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(affinity, "affinity");
        if (closed) {
            throw new IllegalStateException("the service proxy is closed");
        }
        if (protocol == Protocol.SCTP) {
            throw new UnsupportedOperationException(
                    "service port " + key + ": protocol SCTP is not supported by Skiff's service proxy");
        }
        Set<InetSocketAddress> wanted = new LinkedHashSet<>(listen);
        wanted.forEach(address -> requireUsable(key, "listen", address));
        endpoints.forEach(address -> requireUsable(key, "endpoint", address));

        ServicePort port = ports.get(key);
        if (port != null && port.protocol() != protocol) {
            closeListeners(port);
            ports.remove(key);
            port = null;
        }
        if (port == null) {
            port = new ServicePort(key, protocol);
            ports.put(key, port);
        }
        EndpointPicker picker = port.picker();
        if (!picker.endpoints().equals(endpoints) || !picker.affinity().equals(affinity)) {
            picker.update(endpoints, affinity);
            List<InetSocketAddress> ready = picker.endpoints();
            port.listeners().values().forEach(listener -> listener.endpointsChanged(ready));
        }
        if (!port.listeners().keySet().equals(wanted)) {
            changeListeners(port, wanted);
        }
    }

    /** Stops listening for a Service port. Connections already established carry on until they end. */
    public synchronized void remove(String key) {
        ServicePort port = ports.remove(key);
        if (port != null) {
            closeListeners(port);
        }
    }

    /** Open client connections (TCP) or live client sessions (UDP) of a Service port; 0 for an unknown key. */
    public int activeConnections(String key) {
        ServicePort port;
        synchronized (this) {
            port = ports.get(key);
        }
        return port == null ? 0 : port.activeConnections();
    }

    /** The addresses a Service port listens on now (those that failed to bind are not among them). */
    public synchronized Set<InetSocketAddress> listening(String key) {
        ServicePort port = ports.get(key);
        return port == null ? Set.of() : Set.copyOf(port.listeners().keySet());
    }

    /** The Service ports applied and not removed. */
    public synchronized Set<String> keys() {
        return Set.copyOf(ports.keySet());
    }

    /** Stops every listener, ends every connection and the event loops. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            affinitySweep.cancel(false);
            ports.values().forEach(this::closeListeners);
            ports.clear();
        }
        transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void changeListeners(ServicePort port, Set<InetSocketAddress> wanted) {
        Map<InetSocketAddress, Listener> listeners = port.listeners();
        for (InetSocketAddress address : List.copyOf(listeners.keySet())) {
            if (!wanted.contains(address)) {
                closeListener(port, address);
            }
        }
        Map<InetSocketAddress, Throwable> failures = new LinkedHashMap<>();
        Map<InetSocketAddress, ChannelFuture> binding = new LinkedHashMap<>();
        for (InetSocketAddress address : wanted) {
            if (listeners.containsKey(address)) {
                continue;
            }
            String owner = owners.get(new ListenAddress(port.protocol(), address));
            if (owner != null) {
                failures.put(address, new BindException("Address already in use by service port " + owner));
            } else {
                binding.put(address, port.protocol() == Protocol.UDP
                        ? UdpListener.bind(transport, settings, port, address)
                        : TcpListener.bind(transport, settings, port, address));
            }
        }
        binding.forEach((address, future) -> {
            future.awaitUninterruptibly();
            if (future.isSuccess()) {
                listeners.put(address, port.protocol() == Protocol.UDP
                        ? UdpListener.bound(future)
                        : TcpListener.bound(address, future.channel()));
                owners.put(new ListenAddress(port.protocol(), address), port.key());
            } else {
                failures.put(address, future.cause());
            }
        });
        if (!failures.isEmpty()) {
            throw new ListenerBindException(port.key(), failures);
        }
    }

    private void closeListeners(ServicePort port) {
        List.copyOf(port.listeners().keySet()).forEach(address -> closeListener(port, address));
    }

    private void closeListener(ServicePort port, InetSocketAddress address) {
        owners.remove(new ListenAddress(port.protocol(), address));
        port.listeners().remove(address).close();
    }

    private record ListenAddress(Protocol protocol, InetSocketAddress address) {
    }

    private void expireAffinity() {
        List<ServicePort> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(ports.values());
        }
        long now = System.nanoTime();
        snapshot.forEach(port -> port.picker().expireAffinity(now));
    }

    private static void requireUsable(String key, String what, InetSocketAddress address) {
        Objects.requireNonNull(address, what + " address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(
                    "service port " + key + ": " + what + " address " + address + " must be an IP address");
        }
        if (address.getPort() == 0) {
            throw new IllegalArgumentException(
                    "service port " + key + ": " + what + " address " + Addresses.text(address) + " has no port");
        }
    }
}
