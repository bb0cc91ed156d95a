package dev.skiff.engine.api.http;

import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.discovery.Discovery;
import dev.skiff.engine.api.metrics.MetricsApi;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.RequestContext.FieldValidationMode;
import dev.skiff.engine.api.registry.Warnings;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.authz.UserInfo;
import dev.skiff.engine.api.security.AdminToken;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.watch.HttpWatchSink;
import dev.skiff.engine.api.watch.WebSocketWatchSink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of the API server: authenticates, reads the body (refusing oversized ones early), routes
 * by path to discovery, OpenAPI, health or a resource, and turns every failure into a Status. Each
 * request's work runs on its own virtual thread so that blocking on the store never stalls the event loop.
 */
public final class ApiHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    /** kube-apiserver's limit on a request body. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private final Vertx vertx;
    private final ResourceRegistry resources;
    private final Authenticator authenticator;
    private final AccessCheck access;
    private final AccessReviews reviews;
    private final Discovery discovery;
    private final OpenApiEndpoint openApi;
    private final ResourceEndpoint resourceEndpoint;
    private final WatchEndpoint watchEndpoint;
    private final EventsV1Endpoint eventsV1;
    private final PodLogSubresource podLogs;
    private final MetricsEndpoint metrics;
    private final java.util.function.Supplier<String> serverAddress;

    public ApiHandler(Vertx vertx, ResourceRegistry resources, AdminToken token, ServiceAccountTokens saTokens,
                      Endpoints endpoints, java.util.function.Supplier<String> serverAddress) {
        this.vertx = vertx;
        this.resources = resources;
        this.authenticator = new Authenticator(token, saTokens, endpoints.store(), java.time.Clock.systemUTC());
        this.access = new AccessCheck(new StoreRbacObjects(endpoints.store()));
        this.reviews = new AccessReviews(access.objects());
        this.discovery = new Discovery(resources, List.of(PodLogSubresource.DISCOVERY, MetricsApi.DISCOVERY));
        this.openApi = new OpenApiEndpoint(resources, endpoints.customSchemas());
        this.resourceEndpoint = endpoints.resources();
        this.watchEndpoint = endpoints.watches();
        this.eventsV1 = endpoints.events();
        this.podLogs = endpoints.podLogs();
        this.metrics = endpoints.metrics();
        this.serverAddress = serverAddress;
    }

    public void handle(HttpServerRequest request) {
        Context context = vertx.getOrCreateContext();
        Reply reply = new Reply(context, request.response());
        String path = request.path();
        UserInfo user = authenticator.authenticate(request.getHeader("Authorization")).orElse(null);
        if (user == null) {
            if (!isPublic(path)) {
                reply.error(Errors.unauthorized());
                return;
            }
            user = UserInfo.anonymous();
        }
        UserInfo caller = user;
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            webSocketWatch(request, context, caller);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && parseLength(length) > MAX_BODY_BYTES) {
            reply.error(Errors.tooLarge("Request entity too large: limit is " + MAX_BODY_BYTES));
            request.connection().close();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                tooLarge[0] = true;
                reply.error(Errors.tooLarge("Request entity too large: limit is " + MAX_BODY_BYTES));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                Thread.ofVirtual().start(() -> route(request, reply, body.getBytes(), caller));
            }
        });
    }

    private void route(HttpServerRequest request, Reply reply, byte[] body, UserInfo user) {
        String path = request.path();
        try {
            if (RequestInfo.parse(path) == null && !reviews.handles(path)) {
                access.requirePath(user, request.method().name(), path);
            }
            switch (path) {
                case "/version", "/version/" -> reply.json(200, VersionInfo.json());
                case "/healthz", "/livez", "/readyz" -> reply.text(200, "ok");
                case "/api", "/api/" -> discoveryRoot(request, reply, true);
                case "/apis", "/apis/" -> discoveryRoot(request, reply, false);
                default -> routeDeeper(request, reply, body, path, user);
            }
        } catch (ApiException e) {
            reply.error(e);
        } catch (RuntimeException e) {
            log.error("{} {} failed", request.method(), request.uri(), e);
            reply.error(Errors.internal(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void routeDeeper(HttpServerRequest request, Reply reply, byte[] body, String path, UserInfo user) {
        if (reviews.handles(path)) {
            access.requireResource(user, request.method().name(), RequestInfo.parse(path), false);
            reply.json(201, reviews.review(path, BodyDecoder.parse(body, request.getHeader("Content-Type"),
                    FieldValidationMode.IGNORE, new Warnings()), user));
            return;
        }
        if (path.startsWith("/healthz/") || path.startsWith("/livez/") || path.startsWith("/readyz/")) {
            reply.text(200, "ok");
            return;
        }
        if (path.startsWith("/openapi/")) {
            openApi.handle(path, reply);
            return;
        }
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts[0].equals("api") && parts.length == 2) {
            json(reply, discovery.resourceList("", parts[1]));
            return;
        }
        if (parts[0].equals("apis") && parts.length == 2) {
            json(reply, discovery.apiGroup(parts[1]));
            return;
        }
        if (parts[0].equals("apis") && parts.length == 3) {
            json(reply, discovery.resourceList(parts[1], parts[2]));
            return;
        }
        RequestInfo info = RequestInfo.parse(path);
        if (info == null) {
            throw Errors.pathNotFound();
        }
        if (MetricsEndpoint.serves(info)) {
            ApiRequest req = request(request, info, MetricsEndpoint.typeOf(info), body, user);
            access.requireResource(user, req.method(), info, req.flag("watch"));
            metrics.handle(req, reply);
            return;
        }
        ResourceType type = resources.find(info.group(), info.version(), info.resource())
                .orElseThrow(Errors::pathNotFound);
        ApiRequest req = request(request, info, type, body, user);
        access.requireResource(user, req.method(), info, req.flag("watch"));
        if (info.name() == null && req.method().equals("GET") && req.flag("watch")) {
            watch(request, reply, req);
        } else if (PodLogSubresource.serves(req)) {
            podLogs.handle(req, reply);
        } else if (eventsV1.serves(type)) {
            eventsV1.handle(req, reply);
        } else {
            resourceEndpoint.handle(req, reply);
        }
    }

    private ApiRequest request(HttpServerRequest request, RequestInfo info, ResourceType type, byte[] body,
                               UserInfo user) {
        Warnings warnings = new Warnings();
        return new ApiRequest(request.method().name(), info, type, request.params(), request.headers(), body,
                context(request, user, warnings), warnings);
    }

    private void watch(HttpServerRequest request, Reply reply, ApiRequest req) {
        WatchEndpoint.Prepared prepared = prepareWatch(req);
        boolean table = TableOutput.wanted(req.accept());
        prepared.run(new HttpWatchSink(reply.context(), request.response(),
                table ? TableOutput.CONTENT_TYPE : Reply.JSON));
    }

    /**
     * A watch over WebSocket, as fabric8 asks first. The upgrade happens at once; a request that is
     * not a valid watch then gets its Status as an ERROR event before the socket closes.
     */
    private void webSocketWatch(HttpServerRequest request, Context context, UserInfo user) {
        request.toWebSocket().onSuccess(ws -> Thread.ofVirtual().start(() -> {
            WebSocketWatchSink sink = new WebSocketWatchSink(context, ws);
            try {
                RequestInfo info = RequestInfo.parse(request.path());
                if (info == null || info.name() != null) {
                    throw Errors.pathNotFound();
                }
                ResourceType type = resources.find(info.group(), info.version(), info.resource())
                        .orElseThrow(Errors::pathNotFound);
                Warnings warnings = new Warnings();
                ApiRequest req = new ApiRequest("GET", info, type, request.params(), request.headers(),
                        new byte[0], context(request, user, warnings), warnings);
                access.requireResource(user, "GET", info, true);
                prepareWatch(req).run(sink);
            } catch (ApiException e) {
                sink.send(("{\"type\":\"ERROR\",\"object\":" + Json.string(e.toJson()) + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sink.end();
            } catch (RuntimeException e) {
                log.error("websocket watch {} failed", request.uri(), e);
                sink.end();
            }
        })).onFailure(e -> log.debug("websocket upgrade of {} failed", request.uri(), e));
    }

    private WatchEndpoint.Prepared prepareWatch(ApiRequest req) {
        return eventsV1.serves(req.type()) ? eventsV1.prepareWatch(req, WatchEndpoint.request(req))
                : watchEndpoint.prepare(req);
    }

    private void discoveryRoot(HttpServerRequest request, Reply reply, boolean core) {
        if (Discovery.wantsAggregated(request.getHeader("Accept"))) {
            reply.json(200, Json.bytes(discovery.aggregated(core)), Discovery.AGGREGATED_V2);
        } else {
            reply.json(200, core ? discovery.apiVersions(serverAddress.get()) : discovery.apiGroupList());
        }
    }

    private static void json(Reply reply, com.fasterxml.jackson.databind.node.ObjectNode body) {
        if (body == null) {
            throw Errors.pathNotFound();
        }
        reply.json(200, body);
    }

    private RequestContext context(HttpServerRequest request, UserInfo user, Warnings warnings) {
        String manager = request.getParam("fieldManager");
        if (manager == null || manager.isEmpty()) {
            String agent = request.getHeader("User-Agent");
            manager = agent == null || agent.isEmpty() ? "unknown" : agent.split("/")[0];
        }
        List<String> dryRun = request.params().getAll("dryRun");
        if (!dryRun.isEmpty() && !dryRun.equals(List.of("All"))) {
            throw Errors.badRequest("dryRun: Unsupported value: \"" + dryRun.get(0) + "\": supported values: \"All\"");
        }
        return new RequestContext(user.name(), user.groups(), manager,
                FieldValidationMode.parse(request.getParam("fieldValidation")), !dryRun.isEmpty(), false, warnings);
    }

    private static boolean isPublic(String path) {
        return path.equals("/version") || path.equals("/version/") || path.startsWith("/healthz")
                || path.startsWith("/livez") || path.startsWith("/readyz");
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
