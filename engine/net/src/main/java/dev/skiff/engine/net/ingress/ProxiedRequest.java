package dev.skiff.engine.net.ingress;

import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.Pipe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request on its way through the proxy: route it, pick a ready endpoint, stream the body to it, and
 * stream the answer back. Every step runs on the event loop of the client's connection.
 *
 * <p>Endpoints are tried round-robin; when an endpoint refuses the connection nothing was sent, so the next one
 * is tried, until all have failed (502). A pooled connection the backend closed just as the request went out is
 * retried once, on a new connection, for idempotent requests without a body, as ingress-nginx does.
 */
final class ProxiedRequest {
    private static final Logger log = LoggerFactory.getLogger(IngressProxy.class);
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final ReverseProxy proxy;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final boolean upgrade;
    /** The request body, paused until a backend takes it; null when the request has none. */
    private final Pipe<Buffer> body;
    private Backend backend;
    private List<InetSocketAddress> endpoints;
    private int first;
    private MultiMap headers;
    private HttpClientRequest outbound;
    private boolean retried;
    private boolean bodyPiped;

    ProxiedRequest(ReverseProxy proxy, HttpServerRequest request) {
        this.proxy = proxy;
        this.request = request;
        this.response = request.response();
        this.upgrade = ForwardedHeaders.isUpgrade(request);
        this.body = hasBody(request) ? request.pipe().endOnFailure(false) : null;
    }

    void start() {
        String host = request.authority() == null ? "" : request.authority().host();
        Optional<Backend> route = proxy.routes.get().route(host, request.path());
        if (route.isEmpty()) {
            fail(404, ErrorPages.notFound(host, request.path()));
            return;
        }
        backend = route.get();
        endpoints = readyEndpoints();
        if (endpoints.isEmpty()) {
            fail(503, ErrorPages.noReadyEndpoint(backend));
            return;
        }
        first = proxy.roundRobin.first(backend, endpoints.size());
        headers = ForwardedHeaders.toBackend(request, upgrade);
        response.closeHandler(v -> {
            if (outbound != null && !response.ended()) {
                abort(outbound);
            }
        });
        connect(0);
    }

    private List<InetSocketAddress> readyEndpoints() {
        try {
            List<InetSocketAddress> ready = proxy.resolver.readyEndpoints(backend.namespace(), backend.service(),
                    backend.port());
            return ready == null ? List.of() : ready;
        } catch (RuntimeException e) {
            log.warn("ingress backend {}: resolving endpoints failed", backend, e);
            return List.of();
        }
    }

    private void connect(int attempt) {
        InetSocketAddress endpoint = endpoints.get((first + attempt) % endpoints.size());
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(endpoint))
                .setMethod(request.method())
                .setURI(targetUri())
                .setHeaders(headers)
                .setConnectTimeout(ReverseProxy.CONNECT_TIMEOUT_MILLIS);
        proxy.client.request(options).onComplete(ar -> {
            if (ar.succeeded()) {
                send(ar.result(), attempt);
            } else if (response.closed()) {
                closeBody();
            } else if (attempt + 1 < endpoints.size()) {
                log.debug("ingress backend {}: endpoint {} failed, trying the next: {}", backend, endpoint,
                        ar.cause().toString());
                connect(attempt + 1);
            } else {
                log.debug("ingress backend {}: no endpoint accepted a connection: {}", backend, ar.cause().toString());
                fail(502, ErrorPages.badGateway(backend, "no endpoint accepted a connection ("
                        + ar.cause().getMessage() + ")"));
            }
        });
    }

    private void send(HttpClientRequest out, int attempt) {
        quiet(out);
        if (response.closed()) {
            abort(out);
            closeBody();
            return;
        }
        outbound = out;
        if (upgrade) {
            long timer = proxy.vertx.setTimer(ReverseProxy.READ_TIMEOUT_MILLIS,
                    id -> out.reset(0, new TimeoutException("no answer to the upgrade request")));
            out.connect().onComplete(ar -> {
                proxy.vertx.cancelTimer(timer);
                upgraded(out, ar);
            });
            return;
        }
        out.response().onComplete(ar -> answered(out, ar, attempt));
        if (body == null) {
            out.end().onSuccess(v -> awaitAnswer(out));
        } else {
            if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                out.setChunked(true);
            }
            bodyPiped = true;
            body.to(out).onComplete(sent -> {
                if (sent.succeeded()) {
                    awaitAnswer(out);
                } else {
                    // a client that goes away mid-upload must not leave the backend a body that looks complete
                    abort(out);
                }
            });
        }
    }

    /**
     * Gives the backend {@link ReverseProxy#READ_TIMEOUT_MILLIS} to begin its answer once it has the whole
     * request; an upload itself may take as long as the client needs.
     */
    private void awaitAnswer(HttpClientRequest out) {
        if (!out.response().isComplete()) {
            out.idleTimeout(ReverseProxy.READ_TIMEOUT_MILLIS);
        }
    }

    /**
     * Failures reach this class through the response future; without an exception handler (a finished pipe
     * removes its own) Vert.x would log each one again.
     */
    private HttpClientRequest quiet(HttpClientRequest out) {
        return out.exceptionHandler(e -> log.debug("ingress backend {}: {}", backend, e.toString()));
    }

    /** Drops the backend exchange: closes its connection unless it is complete. */
    private void abort(HttpClientRequest out) {
        quiet(out).reset();
    }

    private void answered(HttpClientRequest out, AsyncResult<HttpClientResponse> ar, int attempt) {
        if (ar.failed()) {
            Throwable cause = ar.cause();
            if (retryable(cause)) {
                retried = true;
                outbound = null;
                log.debug("ingress backend {}: connection closed before the answer, retrying", backend);
                connect(attempt + 1);
            } else {
                backendFailed(cause);
            }
            return;
        }
        HttpClientResponse in = ar.result();
        if (response.closed()) {
            abort(out);
            return;
        }
        copyHead(in);
        in.pipe().endOnFailure(false).to(response).onFailure(e -> {
            abort(out);
            response.reset();
        });
    }

    private void upgraded(HttpClientRequest out, AsyncResult<HttpClientResponse> ar) {
        if (ar.failed()) {
            backendFailed(ar.cause());
            return;
        }
        HttpClientResponse in = ar.result();
        if (in.statusCode() != 101) {
            // the backend declined to switch: an ordinary answer, after which the connection is spent
            copyHead(in);
            in.pipe().endOnFailure(false).to(response).onComplete(done -> abort(out));
            return;
        }
        NetSocket backendSocket = in.netSocket();
        Pipe<Buffer> fromBackend = backendSocket.pipe();
        response.setStatusCode(101);
        ForwardedHeaders.toClient(in.headers(), response.headers());
        response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
        response.headers().set(HttpHeaders.UPGRADE, in.headers().get(HttpHeaders.UPGRADE));
        request.toNetSocket().onComplete(client -> {
            if (client.failed()) {
                fromBackend.close();
                backendSocket.close();
                return;
            }
            NetSocket clientSocket = client.result();
            // from here on the two sockets carry the exchange; each closes the other when it ends
            outbound = null;
            fromBackend.to(clientSocket).onComplete(done -> clientSocket.close());
            clientSocket.pipe().to(backendSocket).onComplete(done -> backendSocket.close());
        });
    }

    private void copyHead(HttpClientResponse in) {
        response.setStatusCode(in.statusCode());
        if (in.statusMessage() != null) {
            response.setStatusMessage(in.statusMessage());
        }
        ForwardedHeaders.toClient(in.headers(), response.headers());
        if (mayHaveBody(in.statusCode()) && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && request.version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
    }

    private void backendFailed(Throwable cause) {
        if (response.headWritten() || response.closed()) {
            response.reset();
            closeBody();
        } else if (cause instanceof TimeoutException) {
            fail(504, ErrorPages.gatewayTimeout(backend, ReverseProxy.READ_TIMEOUT_MILLIS / 1000));
        } else {
            log.debug("ingress backend {}: request failed: {}", backend, cause.toString());
            fail(502, ErrorPages.badGateway(backend, "the backend failed to answer (" + cause.getMessage() + ")"));
        }
    }

    /** A backend closed a pooled connection under a request it cannot have acted on twice. */
    private boolean retryable(Throwable cause) {
        return !retried && body == null && IDEMPOTENT.contains(request.method()) && !response.headWritten()
                && (cause instanceof HttpClosedException || cause instanceof IOException);
    }

    private void fail(int status, String page) {
        closeBody();
        if (response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(page);
    }

    /**
     * Lets an unread request body drain, so the client connection can carry its next request. A body already
     * piped to a backend drains by itself, and closing its pipe would strip the backend request's handlers.
     */
    private void closeBody() {
        if (body != null && !bodyPiped) {
            body.close();
        }
    }

    private boolean mayHaveBody(int status) {
        return request.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    /** The request target in origin form; absolute-form targets ("GET http://host/path") lose scheme and host. */
    private String targetUri() {
        String uri = request.uri();
        if (uri.startsWith("/") || uri.equals("*")) {
            return uri;
        }
        String query = request.query();
        return request.path() + (query == null ? "" : "?" + query);
    }

    private static boolean hasBody(HttpServerRequest request) {
        MultiMap h = request.headers();
        String length = h.get(HttpHeaders.CONTENT_LENGTH);
        return h.contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
    }
}
