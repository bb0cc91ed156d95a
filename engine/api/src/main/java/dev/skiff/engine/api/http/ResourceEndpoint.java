package dev.skiff.engine.api.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.NamespaceTermination;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.store.ListResult;
import dev.skiff.engine.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The verbs on one kind's URLs, mapped onto the generic registry: get, list, create, update, patch,
 * delete and deletecollection, and the status and scale subresources. Watches go to {@link WatchEndpoint}.
 */
final class ResourceEndpoint {
    private final GenericRegistry registry;
    private final TableOutput tables;
    private final PatchEndpoint patches;
    private final ScaleSubresource scale;
    private final NamespaceTermination namespaces;
    private final TokenRequests tokenRequests;

    ResourceEndpoint(GenericRegistry registry, TableOutput tables, NamespaceTermination namespaces,
                     dev.skiff.engine.api.apply.ManagedFields managedFields, TokenRequests tokenRequests,
                     java.util.function.Function<ResourceType, java.util.Optional<JsonNode>> customScale) {
        this.tokenRequests = tokenRequests;
        this.registry = registry;
        this.tables = tables;
        this.patches = new PatchEndpoint(registry, managedFields);
        this.scale = new ScaleSubresource(registry, customScale);
        this.namespaces = namespaces;
    }

    /** Handles the request and sends its response. */
    void handle(ApiRequest req, Reply reply) {
        RequestInfo info = req.info();
        String sub = info.subresource();
        if (sub != null && sub.equals("token") && req.type().group().isEmpty()
                && req.type().kind().equals("ServiceAccount") && info.name() != null) {
            reply.json(201, tokenRequests.create(req), req.warnings().messages());
            return;
        }
        if (sub != null && !(sub.equals("status") && req.type().hasStatus())
                && !(sub.equals("scale") && req.type().hasScale())) {
            throw Errors.pathNotFound();
        }
        if (info.name() == null) {
            collection(req, reply);
        } else if ("scale".equals(sub)) {
            reply.json(200, scale.handle(req), req.warnings().messages());
        } else {
            item(req, reply, "status".equals(sub) ? Subresource.STATUS : Subresource.NONE);
        }
    }

    private void collection(ApiRequest req, Reply reply) {
        ResourceType type = req.type();
        String ns = req.info().namespace();
        switch (req.method()) {
            case "GET" -> list(req, reply);
            case "POST" -> {
                if (type.namespaced() && ns == null) {
                    throw Errors.methodNotAllowed("the server does not allow this method on the requested "
                            + "resource: create " + type.plural() + " needs a namespace in the path");
                }
                ObjectNode body = BodyDecoder.objectOf(req, type);
                StoredObject created = registry.create(type, ns, body, req.context());
                respondObject(req, reply, 201, created.value());
            }
            case "DELETE" -> deleteCollection(req, reply);
            default -> throw Errors.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void item(ApiRequest req, Reply reply, Subresource sub) {
        ResourceType type = req.type();
        String ns = req.info().namespace();
        String name = req.info().name();
        if (type.namespaced() && ns == null) {
            throw Errors.pathNotFound();
        }
        switch (req.method()) {
            case "GET" -> respondObject(req, reply, 200, registry.get(type, ns, name).value());
            case "PUT" -> {
                ObjectNode body = BodyDecoder.objectOf(req, type);
                StoredObject updated = registry.update(type, ns, name, body, req.context(), sub);
                respondObject(req, reply, 200, updated.value());
            }
            case "PATCH" -> {
                PatchEndpoint.Result result = patches.patch(req, sub);
                respondObject(req, reply, result.created() ? 201 : 200, result.object().value());
            }
            case "DELETE" -> delete(req, reply, type, ns, name);
            default -> throw Errors.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void delete(ApiRequest req, Reply reply, ResourceType type, String ns, String name) {
        JsonNode body = req.body().length == 0 ? null
                : BodyDecoder.parse(req.body(), req.contentType(), req.context().fieldValidation(), req.warnings());
        DeleteOptions options = DeleteOptions.from(body, req.params().get("propagationPolicy"),
                req.params().get("gracePeriodSeconds"));
        if (type.group().isEmpty() && type.kind().equals("Namespace")) {
            StoredObject terminating = namespaces.terminate(name, options, req.context());
            respondObject(req, reply, 200, terminating.value());
            return;
        }
        GenericRegistry.DeleteResult result = registry.delete(type, ns, name, options, req.context());
        StoredObject deleted = result.object();
        if (!result.deletedNow() || (type.group().isEmpty() && type.kind().equals("Pod"))) {
            // an object whose deletion waits on finalizers is returned as it now is
            respondObject(req, reply, 200, deleted.value());
            return;
        }
        JsonNode object = Json.parseStored(deleted.value());
        Status success = new Status(200, null, null, new Status.Details(name, type.group(), type.plural(),
                Json.text(object, "metadata.uid"), List.of(), null));
        reply.json(200, Json.bytes(success.toJson()), req.warnings().messages());
    }

    private void deleteCollection(ApiRequest req, Reply reply) {
        ResourceType type = req.type();
        String ns = req.info().namespace();
        ListQuery query = ListQuery.of(req.params(), type);
        JsonNode body = req.body().length == 0 ? null
                : BodyDecoder.parse(req.body(), req.contentType(), req.context().fieldValidation(), req.warnings());
        DeleteOptions options = DeleteOptions.from(body, req.params().get("propagationPolicy"),
                req.params().get("gracePeriodSeconds"));
        var filter = query.filter(type);
        ListResult matching = registry.store().list(type.keyPrefix(ns), null, 0,
                o -> filter.test(Json.parseStored(o.value())));
        List<byte[]> deleted = new ArrayList<>();
        for (StoredObject o : matching.items()) {
            JsonNode object = Json.parseStored(o.value());
            String objectNs = Json.text(object, "metadata.namespace");
            String name = Json.text(object, "metadata.name");
            try {
                if (type.group().isEmpty() && type.kind().equals("Namespace")) {
                    deleted.add(namespaces.terminate(name, options, req.context()).value());
                } else {
                    deleted.add(registry.delete(type, objectNs, name, options, req.context()).object().value());
                }
            } catch (dev.skiff.engine.api.status.ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        reply.json(200, listBytes(type, deleted, registry.store().currentRevision(), null),
                req.warnings().messages());
    }

    private void list(ApiRequest req, Reply reply) {
        ResourceType type = req.type();
        ListQuery query = ListQuery.of(req.params(), type);
        var filter = query.filter(type);
        String prefix = type.keyPrefix(req.info().namespace());
        String startAfter = query.continueFrom() == null ? null : query.continueFrom().lastKey();
        ListResult result;
        String exactName = query.fields().requiresExactMatch("metadata.name").orElse(null);
        if (exactName != null && (!type.namespaced() || req.info().namespace() != null)) {
            // a single-object list (kubectl wait, rollout status, informers by name) needs no scan
            StoredObject o = registry.store().get(type.key(req.info().namespace(), exactName)).orElse(null);
            long rev = registry.store().currentRevision();
            List<StoredObject> items = o != null && filter.test(Json.parseStored(o.value())) ? List.of(o) : List.of();
            result = new ListResult(rev, items, false);
        } else {
            result = registry.store().list(prefix, startAfter, query.limit(),
                    query.selects() ? o -> filter.test(Json.parseStored(o.value())) : o -> true);
        }
        long revision = query.continueFrom() != null ? query.continueFrom().revision() : result.revision();
        String next = result.more() && !result.items().isEmpty()
                ? new ListQuery.Continue(revision, result.items().get(result.items().size() - 1).key()).encode()
                : null;
        List<byte[]> items = result.items().stream().map(StoredObject::value).toList();
        if (TableOutput.wanted(req.accept())) {
            reply.json(200, tables.list(type, items, Long.toString(revision), next, req.params().get("includeObject")),
                    req.warnings().messages());
        } else {
            reply.json(200, listBytes(type, items, revision, next), req.warnings().messages());
        }
    }

    private void respondObject(ApiRequest req, Reply reply, int code, byte[] object) {
        if (TableOutput.wanted(req.accept())) {
            reply.json(code, tables.one(req.type(), object, req.params().get("includeObject")),
                    req.warnings().messages());
        } else {
            reply.json(code, object, req.warnings().messages());
        }
    }

    /** A typed list built from the stored bytes as they are: no object is decoded or re-encoded. */
    static byte[] listBytes(ResourceType type, List<byte[]> items, long revision, String continueToken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.stream().mapToInt(b -> b.length + 1).sum());
        StringBuilder head = new StringBuilder();
        head.append("{\"kind\":\"").append(type.listKind()).append("\",\"apiVersion\":\"").append(type.apiVersion())
                .append("\",\"metadata\":{\"resourceVersion\":\"").append(revision).append('"');
        if (continueToken != null) {
            head.append(",\"continue\":\"").append(continueToken).append('"');
        }
        head.append("},\"items\":[");
        out.writeBytes(head.toString().getBytes(UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("]}".getBytes(UTF_8));
        return out.toByteArray();
    }
}
