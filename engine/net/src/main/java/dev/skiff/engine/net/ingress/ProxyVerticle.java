package dev.skiff.engine.net.ingress;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * The proxy on one event loop: an HTTP and an HTTPS server (Vert.x shares the listening sockets of all instances
 * and spreads connections over them) and a backend client whose keep-alive pool belongs to this loop.
 */
final class ProxyVerticle extends VerticleBase {
    private static final int MAX_HEADER_SIZE = 32 * 1024;
    private static final int MAX_INITIAL_LINE_LENGTH = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;
    /** Idle client connections close after this, longer than a backend may take to answer. */
    private static final int CLIENT_IDLE_TIMEOUT_SECONDS = 120;
    /**
     * Idle backend connections close after this. Backends that close sooner (Node.js: 5s) race with reuse; the
     * retry of idempotent requests covers that.
     */
    private static final int BACKEND_KEEP_ALIVE_SECONDS = 30;
    private static final int BACKEND_CONNECTIONS_PER_ENDPOINT = 1024;

    private final SocketAddress http;
    private final SocketAddress https;
    private final Supplier<IngressRoutes> routes;
    private final BackendResolver resolver;
    private final RoundRobin roundRobin;
    private final SniKeyManager keyManager;
    private volatile int httpPort = -1;
    private volatile int httpsPort = -1;

    /** @param http where to listen, or null; a shared random port ({@link SocketAddress#sharedRandomPort}) for "any" */
    ProxyVerticle(SocketAddress http, SocketAddress https, Supplier<IngressRoutes> routes,
            BackendResolver resolver, RoundRobin roundRobin, SniKeyManager keyManager) {
        this.http = http;
        this.https = https;
        this.routes = routes;
        this.resolver = resolver;
        this.roundRobin = roundRobin;
        this.keyManager = keyManager;
    }

    @Override
    public Future<?> start() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(BACKEND_KEEP_ALIVE_SECONDS)
                        .setConnectTimeout(ReverseProxy.CONNECT_TIMEOUT_MILLIS)
                        .setMaxHeaderSize(MAX_HEADER_SIZE)
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                        .setMaxChunkSize(MAX_CHUNK_SIZE)
                        .setDecompressionSupported(false)
                        .setTcpNoDelay(true)
                        .setName("skiff-ingress"),
                new PoolOptions().setHttp1MaxSize(BACKEND_CONNECTIONS_PER_ENDPOINT));
        ReverseProxy handler = new ReverseProxy(vertx, client, routes, resolver, roundRobin);
        Future<Integer> plain = listen(http, serverOptions(), handler).map(s -> httpPort = s == null ? -1 : s.actualPort());
        Future<Integer> secure = listen(https, serverOptions()
                .setSsl(true)
                .setSni(false)
                .setKeyCertOptions(KeyCertOptions.wrap(keyManager)), handler)
                .map(s -> httpsPort = s == null ? -1 : s.actualPort());
        return Future.all(plain, secure);
    }

    private Future<HttpServer> listen(SocketAddress address, HttpServerOptions options, ReverseProxy handler) {
        if (address == null) {
            return Future.succeededFuture();
        }
        return vertx.createHttpServer(options).requestHandler(handler).listen(address);
    }

    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setHandle100ContinueAutomatically(true)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setIdleTimeout(CLIENT_IDLE_TIMEOUT_SECONDS)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setTcpNoDelay(true)
                .setReuseAddress(true);
    }

    /** The port the HTTP server got (the asked one, or the kernel's pick for 0); -1 when not listening. */
    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }
}
