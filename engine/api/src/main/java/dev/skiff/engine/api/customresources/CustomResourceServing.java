package dev.skiff.engine.api.customresources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.Finalizers;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the kinds that CustomResourceDefinitions declare: each CRD's storage version becomes a resource
 * in discovery and the URL space as soon as the CRD is stored, its status says Established, and on
 * deletion its custom resources are removed before the CRD goes.
 */
public final class CustomResourceServing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CustomResourceServing.class);
    private static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
    private static final RequestContext SELF = RequestContext.system("apiextensions-controller");

    private final GenericRegistry registry;
    private final ResourceRegistry resources;
    private final ResourceType crds;
    private final Map<String, Served> servedByCrd = new ConcurrentHashMap<>();
    private final BlockingQueue<String> work = new LinkedBlockingQueue<>();
    private AutoCloseable watch;
    private Thread worker;

    /** A CRD's served kind and the version object (schema, printer columns) it is served with. */
    public record Served(ResourceType type, JsonNode version) {
    }

    public CustomResourceServing(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.resources = resources;
        this.crds = resources.byKind("apiextensions.k8s.io", "CustomResourceDefinition").orElseThrow();
    }

    /** Serves every stored CRD before returning, then follows changes. */
    public CustomResourceServing start() {
        var existing = registry.store().list(crds.keyPrefix(), null, 0, o -> true);
        for (StoredObject o : existing.items()) {
            reconcile(o.key());
        }
        watch = registry.store().watch(crds.keyPrefix(), existing.revision(), e -> work.add(e.key()));
        worker = Thread.ofVirtual().name("crd-serving").start(this::work);
        return this;
    }

    /** The served kind of a custom resource type, for schema checks and printer columns. */
    public Optional<Served> served(ResourceType type) {
        for (Served s : servedByCrd.values()) {
            if (s.type().equals(type)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = work.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                reconcile(key);
            } catch (RuntimeException e) {
                log.warn("serving CRD {} failed; retrying", key, e);
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(500);
                        work.add(key);
                    } catch (InterruptedException ignored) {
                        // shutting down
                    }
                });
            }
        }
    }

    private void reconcile(String key) {
        String name = key.substring(crds.keyPrefix().length());
        Optional<StoredObject> stored = registry.store().get(key);
        if (stored.isEmpty()) {
            Served gone = servedByCrd.remove(name);
            if (gone != null) {
                resources.remove(gone.type());
            }
            return;
        }
        ObjectNode crd = Json.parseStored(stored.get().value());
        if (crd.path("metadata").has("deletionTimestamp")) {
            cleanUp(name, crd);
            return;
        }
        Served served = serve(crd);
        Served before = servedByCrd.put(name, served);
        if (before != null && !before.type().equals(served.type())) {
            resources.remove(before.type());
        }
        resources.add(served.type());
        markEstablished(name, crd, served);
    }

    private static Served serve(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        JsonNode storage = null;
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                storage = v;
            }
        }
        if (storage == null) {
            storage = spec.path("versions").path(0);
        }
        String kind = names.path("kind").asText();
        String plural = names.path("plural").asText();
        String singular = names.path("singular").asText(kind.toLowerCase());
        ResourceType type = new ResourceType(spec.path("group").asText(), storage.path("name").asText(), kind, plural,
                singular.isEmpty() ? kind.toLowerCase() : singular, "Namespaced".equals(spec.path("scope").asText()),
                texts(names.path("shortNames")), texts(names.path("categories")),
                storage.path("subresources").has("status"), storage.path("subresources").has("scale"));
        return new Served(type, storage);
    }

    private void markEstablished(String name, ObjectNode crd, Served served) {
        JsonNode conditions = crd.path("status").path("conditions");
        boolean established = false;
        for (JsonNode c : conditions) {
            if ("Established".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                established = true;
            }
        }
        if (established && crd.path("status").path("acceptedNames").path("kind").asText("")
                .equals(served.type().kind())) {
            return;
        }
        String now = Timestamps.now(registry.clock());
        registry.guaranteedUpdate(crds, null, name, SELF, Subresource.STATUS, current -> {
            ObjectNode status = current.putObject("status");
            ArrayNode list = status.putArray("conditions");
            condition(list.addObject(), "NamesAccepted", "NoConflicts", "no conflicts found", now);
            condition(list.addObject(), "Established", "InitialNamesAccepted", "the initial names have been accepted",
                    now);
            ObjectNode accepted = status.putObject("acceptedNames");
            JsonNode names = current.path("spec").path("names");
            accepted.put("kind", names.path("kind").asText());
            accepted.put("listKind", names.path("listKind").asText(names.path("kind").asText() + "List"));
            accepted.put("plural", names.path("plural").asText());
            accepted.put("singular", served.type().singular());
            if (names.has("shortNames")) {
                accepted.set("shortNames", names.get("shortNames"));
            }
            if (names.has("categories")) {
                accepted.set("categories", names.get("categories"));
            }
            status.putArray("storedVersions").add(served.type().version());
            return current;
        });
    }

    private static void condition(ObjectNode c, String type, String reason, String message, String now) {
        c.put("type", type);
        c.put("status", "True");
        c.put("lastTransitionTime", now);
        c.put("reason", reason);
        c.put("message", message);
    }

    /** Deletes the CRD's custom resources; once none is left, lets the CRD go and stops serving it. */
    private void cleanUp(String name, ObjectNode crd) {
        Served served = servedByCrd.getOrDefault(name, serve(crd));
        ResourceType type = served.type();
        for (StoredObject o : registry.store().list(type.keyPrefix(), null, 0, x -> true).items()) {
            JsonNode object = Json.parseStored(o.value());
            if (object.path("metadata").has("deletionTimestamp")) {
                continue; // already going; its finalizers decide when
            }
            try {
                registry.delete(type, Json.text(object, "metadata.namespace"), Json.text(object, "metadata.name"),
                        DeleteOptions.none(), SELF);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (!registry.store().list(type.keyPrefix(), null, 1, x -> true).items().isEmpty()) {
            throw new IllegalStateException(type.qualifiedPlural() + " still has objects; waiting for them to go");
        }
        resources.remove(type);
        servedByCrd.remove(name);
        if (Finalizers.of(crd).contains(CLEANUP_FINALIZER)) {
            registry.guaranteedUpdate(crds, null, name, SELF, Subresource.WHOLE_OBJECT, current -> {
                List<String> finalizers = new ArrayList<>(Finalizers.of(current));
                finalizers.remove(CLEANUP_FINALIZER);
                Finalizers.set(current, finalizers);
                return current;
            });
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    @Override
    public void close() {
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (Exception e) {
            log.debug("closing CRD watch", e);
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
