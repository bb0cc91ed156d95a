package dev.skiff.engine.net.ingress;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingress controller's data plane: an HTTP and an HTTPS reverse proxy on host ports that routes requests by
 * the current {@link IngressRoutes} to the ready endpoints a {@link BackendResolver} names.
 *
 * <p>Bodies stream both ways with back-pressure; backend connections are kept alive and pooled per event loop.
 * Endpoints are chosen round-robin, and a connection failure moves on to the next endpoint. The backend sees
 * the client's Host header and {@code X-Forwarded-For}, {@code X-Real-IP}, {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Port}. Answers of the proxy itself: 404 when no rule matches,
 * 503 when the backend has no ready endpoint, 502 when no endpoint takes a connection or the backend fails,
 * 504 when the backend has not begun to answer 60s after it got the whole request. Upgrade requests
 * (WebSocket) are tunnelled.
 *
 * <p>HTTPS picks the certificate by SNI from the routing table on every handshake and otherwise presents a
 * self-signed certificate made at start.
 */
public final class IngressProxy implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final String deployment;
    private final AtomicReference<IngressRoutes> routes;
    private final RoundRobin roundRobin;
    private final SniKeyManager keyManager;
    private final InetSocketAddress httpAddress;
    private final InetSocketAddress httpsAddress;

    private IngressProxy(Vertx vertx, boolean ownsVertx, String deployment,
            AtomicReference<IngressRoutes> routes, RoundRobin roundRobin, SniKeyManager keyManager,
            InetSocketAddress httpAddress, InetSocketAddress httpsAddress) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.deployment = deployment;
        this.routes = routes;
        this.roundRobin = roundRobin;
        this.keyManager = keyManager;
        this.httpAddress = httpAddress;
        this.httpsAddress = httpsAddress;
    }

    /**
     * Starts the proxy on its own Vert.x instance, with an empty routing table, and returns once it listens.
     *
     * @param http where to serve plain HTTP (port 0: any free port); null for none
     * @param https where to serve HTTPS; null for none
     * @throws IllegalStateException when an address cannot be bound
     */
    public static IngressProxy start(InetSocketAddress http, InetSocketAddress https, BackendResolver resolver) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(instances())
                // the proxy serves no files: no class-path file cache directory under /tmp
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)));
        try {
            return start(vertx, true, http, https, resolver);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * Starts the proxy on the engine's Vert.x instance, which stays the caller's to close. Must not be called on
     * an event loop, since it waits for the servers to listen.
     */
    public static IngressProxy start(Vertx vertx, InetSocketAddress http, InetSocketAddress https,
            BackendResolver resolver) {
        return start(vertx, false, http, https, resolver);
    }

    private static IngressProxy start(Vertx vertx, boolean ownsVertx, InetSocketAddress http,
            InetSocketAddress https, BackendResolver resolver) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("IngressProxy.start blocks and must not run on an event loop");
        }
        AtomicReference<IngressRoutes> routes = new AtomicReference<>(IngressRoutes.empty());
        RoundRobin roundRobin = new RoundRobin();
        SniKeyManager keyManager = new SniKeyManager(DefaultCertificate.generate());
        SocketAddress httpListen = listenAddress(http);
        SocketAddress httpsListen = listenAddress(https);
        List<ProxyVerticle> instances = new CopyOnWriteArrayList<>();
        String deployment = await(vertx.deployVerticle(() -> {
            ProxyVerticle instance =
                    new ProxyVerticle(httpListen, httpsListen, routes::get, resolver, roundRobin, keyManager);
            instances.add(instance);
            return instance;
        }, new DeploymentOptions().setInstances(instances())), "cannot listen on " + describe(http, https));
        ProxyVerticle any = instances.get(0);
        return new IngressProxy(vertx, ownsVertx, deployment, routes, roundRobin, keyManager,
                bound(http, any.httpPort()), bound(https, any.httpsPort()));
    }

    /**
     * The address the servers of all instances share. Vert.x shares a listening socket between servers asking
     * for the same address; port 0 would give each its own port, so "any port" becomes a shared random port.
     */
    private static SocketAddress listenAddress(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return address.getPort() == 0
                ? SocketAddress.sharedRandomPort(SHARED_RANDOM_PORTS.incrementAndGet(), host)
                : SocketAddress.inetSocketAddress(address.getPort(), host);
    }

    /** Routes by {@code next} from the next request and the next TLS handshake on; requests under way finish. */
    public void update(IngressRoutes next) {
        keyManager.update(next);
        routes.set(next);
        roundRobin.retain(next.backends());
    }

    /** The routing table in force. */
    public IngressRoutes routes() {
        return routes.get();
    }

    /** Where plain HTTP is served, with the real port when port 0 was asked for; empty when not served. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(httpAddress);
    }

    /** Where HTTPS is served, with the real port when port 0 was asked for; empty when not served. */
    public Optional<InetSocketAddress> httpsAddress() {
        return Optional.ofNullable(httpsAddress);
    }

    /** Stops listening and closes every connection; closes the Vert.x instance when the proxy made it. */
    @Override
    public void close() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("IngressProxy.close blocks and must not run on an event loop");
        }
        try {
            await(vertx.undeploy(deployment), "cannot stop the ingress proxy");
        } finally {
            if (ownsVertx) {
                await(vertx.close(), "cannot close the ingress proxy's Vert.x");
            }
        }
    }

    private static int instances() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    private static InetSocketAddress bound(InetSocketAddress asked, int port) {
        return asked == null ? null : new InetSocketAddress(asked.getAddress(), port);
    }

    private static String describe(InetSocketAddress http, InetSocketAddress https) {
        return (http == null ? "" : "http " + http) + (http != null && https != null ? " and " : "")
                + (https == null ? "" : "https " + https);
    }

    private static <T> T await(Future<T> future, String failure) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(failure + ": no answer within " + START_TIMEOUT_SECONDS + "s", e);
        }
    }
}
