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

    private void empty(String name) {
        RequestContext system = RequestContext.system("namespace-controller");
        try {
            for (ResourceType type : resources.all()) {
                if (!type.namespaced()) {
                    continue;
                }
                List<StoredObject> inside = registry.store().list(type.keyPrefix(name), null, 0, x -> true).items();
                for (StoredObject o : inside) {
                    String objectName = Json.text(Json.parseStored(o.value()), "metadata.name");
                    try {
                        registry.delete(type, name, objectName, DeleteOptions.none(), system);
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
            registry.delete(namespaceType, null, name, DeleteOptions.none(), system);
        } catch (ApiException e) {
            if (e.code() != 404) {
                log.warn("emptying namespace {} failed: {}", name, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("emptying namespace {} failed", name, e);
        }
    }
}
