package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.events.EventConversion;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.watch.WatchRequest;
import dev.skiff.engine.api.watch.WatchSession;
import dev.skiff.engine.store.ListResult;
import dev.skiff.engine.store.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@code events.k8s.io/v1} Events: a view of the core/v1 Events in the store, converted on the way in and
 * out, so an event written through either API is read through both.
 */
final class EventsV1Endpoint {
    private final GenericRegistry registry;
    private final TableOutput tables;
    private final ResourceType core;
    private final ResourceType view;
    private final Duration bookmarkInterval;

    EventsV1Endpoint(GenericRegistry registry, ResourceRegistry resources, TableOutput tables,
                     Duration bookmarkInterval) {
        this.registry = registry;
        this.tables = tables;
        this.core = resources.byKind("", "Event").orElseThrow();
        this.view = resources.byKind("events.k8s.io", "Event").orElseThrow();
        this.bookmarkInterval = bookmarkInterval;
    }

    boolean serves(ResourceType type) {
        return type.equals(view);
    }

    void handle(ApiRequest req, Reply reply) {
        String ns = req.info().namespace();
        String name = req.info().name();
        if (req.info().subresource() != null) {
            throw Errors.pathNotFound();
        }
        if (name == null) {
            switch (req.method()) {
                case "GET" -> list(req, reply);
                case "POST" -> {
                    ObjectNode body = BodyDecoder.objectOf(req, view);
                    StoredObject created = registry.create(core, ns, EventConversion.toCore(body), req.context());
                    respond(req, reply, 201, created.value());
                }
                default -> throw Errors.methodNotAllowed("the server does not allow this method on the requested "
                        + "resource");
            }
            return;
        }
        switch (req.method()) {
            case "GET" -> respond(req, reply, 200, registry.get(core, ns, name).value());
            case "PUT" -> {
                ObjectNode body = BodyDecoder.objectOf(req, view);
                respond(req, reply, 200, registry.update(core, ns, name, EventConversion.toCore(body), req.context(),
                        Subresource.NONE).value());
            }
            case "PATCH" -> {
                if (req.contentType().equals(PatchEndpoint.APPLY_PATCH)) {
                    throw Errors.unsupportedMediaType("server-side apply of events.k8s.io/v1 Events is not "
                            + "supported; apply the core/v1 Event instead");
                }
                PatchEndpoint.requireSupported(req.contentType());
                UnaryOperator<ObjectNode> patcher = PatchEndpoint.patcher(view, req.contentType(),
                        BodyDecoder.parse(req.body(), "application/json", req.context().fieldValidation(),
                                req.warnings()));
                StoredObject patched = registry.guaranteedUpdate(core, ns, name, req.context(), Subresource.NONE,
                        current -> EventConversion.toCore(patcher.apply(EventConversion.toEventsV1(current))));
                respond(req, reply, 200, patched.value());
            }
            case "DELETE" -> {
                JsonNode object = Json.parseStored(registry.delete(core, ns, name, DeleteOptions.none(), req.context())
                        .object().value());
                reply.json(200, Json.bytes(new Status(200, null, null, new Status.Details(name, view.group(),
                        view.plural(), Json.text(object, "metadata.uid"), List.of(), null)).toJson()),
                        req.warnings().messages());
            }
            default -> throw Errors.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void list(ApiRequest req, Reply reply) {
        ListQuery query = ListQuery.of(req.params(), view);
        Predicate<ObjectNode> filter = query.filter(view);
        ListResult result = registry.store().list(core.keyPrefix(req.info().namespace()), null, 0, o -> true);
        List<byte[]> items = new ArrayList<>();
        for (StoredObject o : result.items()) {
            ObjectNode converted = EventConversion.toEventsV1(Json.parseStored(o.value()));
            if (filter.test(converted)) {
                items.add(Json.bytes(converted));
            }
        }
        if (TableOutput.wanted(req.accept())) {
            reply.json(200, tables.list(view, items, Long.toString(result.revision()), null,
                    req.params().get("includeObject")), req.warnings().messages());
        } else {
            reply.json(200, ResourceEndpoint.listBytes(view, items, result.revision(), null), req.warnings().messages());
        }
    }

    WatchEndpoint.Prepared prepareWatch(ApiRequest req, WatchRequest request) {
        ListQuery query = ListQuery.of(req.params(), view);
        boolean table = TableOutput.wanted(req.accept());
        AtomicBoolean first = new AtomicBoolean(true);
        String includeObject = req.params().get("includeObject");
        Function<byte[], byte[]> toView = b -> Json.bytes(EventConversion.toEventsV1(Json.parseStored(b)));
        Function<byte[], byte[]> render = table
                ? b -> tables.one(view, toView.apply(b), includeObject, first.getAndSet(false)) : toView;
        Predicate<ObjectNode> filter = query.selects()
                ? o -> query.filter(view).test(EventConversion.toEventsV1(o)) : null;
        WatchSession session = new WatchSession(registry.store(), core.keyPrefix(req.info().namespace()), filter,
                render, view.kind(), view.apiVersion(), bookmarkInterval);
        return new WatchEndpoint.Prepared(session, request);
    }

    private void respond(ApiRequest req, Reply reply, int code, byte[] stored) {
        byte[] converted = Json.bytes(EventConversion.toEventsV1(Json.parseStored(stored)));
        if (TableOutput.wanted(req.accept())) {
            reply.json(code, tables.one(view, converted, req.params().get("includeObject")), req.warnings().messages());
        } else {
            reply.json(code, converted, req.warnings().messages());
        }
    }
}
