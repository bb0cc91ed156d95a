package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.store.StoredObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting a namespace: it turns {@code Terminating} (refusing new content), everything in it is
 * deleted, then the namespace itself goes. Resumed at start for namespaces a restart caught midway.
 */
public final class NamespaceTermination {
    private static final Logger log = LoggerFactory.getLogger(NamespaceTermination.class);
    /** Namespaces Kubernetes refuses to delete. */
    public static final Set<String> PROTECTED = Set.of("default", "kube-system", "kube-public");

    private final GenericRegistry registry;
    private final ResourceRegistry resources;
    private final ResourceType namespaceType;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public NamespaceTermination(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.resources = resources;
        this.namespaceType = resources.byKind("", "Namespace").orElseThrow();
    }

    /** Marks the namespace Terminating and starts emptying it; returns the namespace as marked. */
    public StoredObject terminate(String name, DeleteOptions options, RequestContext ctx) {
        if (PROTECTED.contains(name)) {
            throw new Status(403, "Forbidden", "namespaces \"" + name + "\" is forbidden: this namespace may not "
                    + "be deleted", Status.Details.of(name, "", "namespaces")).exception();
        }
        StoredObject current = registry.get(namespaceType, null, name);
        options.checkPreconditions(namespaceType, Json.parseStored(current.value()));
        if (ctx.dryRun()) {
            return current;
        }
        StoredObject marked = registry.markDeleting(namespaceType, null, name, ctx, ns -> {
            Json.child(ns, "status").put("phase", "Terminating");
            return ns;
        });
        start(name);
        return marked;
    }

    /** Restarts the clean-up of every namespace left Terminating. */
    public void resumeAll() {
        for (StoredObject o : registry.store().list(namespaceType.keyPrefix(), null, 0, x -> true).items()) {
            JsonNode ns = Json.parseStored(o.value());
            if ("Terminating".equals(Json.text(ns, "status.phase"))) {
                start(Json.text(ns, "metadata.name"));
            }
        }
    }

    private void start(String name) {
        if (running.add(name)) {
            Thread.ofVirtual().name("namespace-termination-" + name).start(() -> {
                try {
                    empty(name);
                } finally {
                    running.remove(name);
                }
            });
        }
    }

    /**
     * Deletes everything in the namespace until nothing is left (objects held by finalizers go when their
     * finalizers do), then the namespace itself.
     */
    private void empty(String name) {
        RequestContext system = RequestContext.system("namespace-controller");
        try {
            while (deleteContents(name, system) > 0) {
                Thread.sleep(200);
            }
            // empty: the namespace controller's own finalizer goes, then the namespace
            registry.guaranteedUpdate(namespaceType, null, name, system, GenericRegistry.Subresource.WHOLE_OBJECT,
                    ns -> {
                        Json.child(ns, "spec").remove("finalizers");
                        return ns;
                    });
            registry.delete(namespaceType, null, name, DeleteOptions.none(), system);
        } catch (ApiException e) {
            if (e.code() != 404) {
                log.warn("emptying namespace {} failed: {}", name, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("emptying namespace {} failed", name, e);
        }
    }

    /** Asks every object in the namespace to go; returns how many still exist. */
    private int deleteContents(String namespace, RequestContext system) {
        int remaining = 0;
        for (ResourceType type : resources.all()) {
            if (!type.namespaced()) {
                continue;
            }
            for (StoredObject o : registry.store().list(type.keyPrefix(namespace), null, 0, x -> true).items()) {
                JsonNode object = Json.parseStored(o.value());
                if (object.path("metadata").has("deletionTimestamp")) {
                    remaining++;
                    continue;
                }
                try {
                    if (!registry.delete(type, namespace, Json.text(object, "metadata.name"), DeleteOptions.none(),
                            system).deletedNow()) {
                        remaining++;
                    }
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }
        return remaining;
    }
}
