package dev.skiff.engine.net.ingress;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * The request handler of one event loop's servers: each request becomes a {@link ProxiedRequest} against the
 * routing table current when it arrived, sent through this event loop's pooled backend client.
 */
final class ReverseProxy implements Handler<HttpServerRequest> {
    /** How long to wait for a backend connection, like ingress-nginx's proxy-connect-timeout. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /**
     * How long a backend that has the whole request may take to begin its answer, like ingress-nginx's
     * proxy-read-timeout; the answer's body may then take as long as it needs.
     */
    static final long READ_TIMEOUT_MILLIS = 60_000;

    final Vertx vertx;
    final HttpClient client;
    final Supplier<IngressRoutes> routes;
    final BackendResolver resolver;
    final RoundRobin roundRobin;

    ReverseProxy(Vertx vertx, HttpClient client, Supplier<IngressRoutes> routes, BackendResolver resolver,
            RoundRobin roundRobin) {
        this.vertx = vertx;
        this.client = client;
        this.routes = routes;
        this.resolver = resolver;
        this.roundRobin = roundRobin;
    }

    @Override
    public void handle(HttpServerRequest request) {
        new ProxiedRequest(this, request).start();
    }
}
