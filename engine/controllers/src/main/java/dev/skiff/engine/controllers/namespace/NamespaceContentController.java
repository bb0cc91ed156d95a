package dev.skiff.engine.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every active namespace holds in Kubernetes from the moment it exists: the {@code default}
 * ServiceAccount (the service-account controller) and the {@code kube-root-ca.crt} ConfigMap with the
 * cluster CA (the root-CA publisher). Recreated when deleted; keyed by namespace name.
 */
public final class NamespaceContentController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NamespaceContentController.class);
    static final String DEFAULT_SERVICE_ACCOUNT = "default";
    static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

    private final GenericRegistry registry;
    private final ResourceType namespaces;
    private final ResourceType serviceAccounts;
    private final ResourceType configMaps;
    private final String caPem;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;
    private EventFeed feed;

    public NamespaceContentController(GenericRegistry registry, ResourceRegistry resources, String caPem) {
        this.registry = registry;
        this.namespaces = resources.byKind("", "Namespace").orElseThrow();
        this.serviceAccounts = resources.byKind("", "ServiceAccount").orElseThrow();
        this.configMaps = resources.byKind("", "ConfigMap").orElseThrow();
        this.caPem = caPem;
    }

    public NamespaceContentController start() {
        var all = registry.store().list("/core/", null, 0, o -> o.key().startsWith(namespaces.keyPrefix()));
        for (StoredObject ns : all.items()) {
            queue.add(ns.key().substring(namespaces.keyPrefix().length()));
        }
        feed = EventFeed.start("namespace-content", registry.store(), all.revision(),
                List.of(namespaces.keyPrefix(), serviceAccounts.keyPrefix(), configMaps.keyPrefix()), this::route);
        loop = new ControllerLoop("namespace-content", queue, this::reconcile).start(2);
        return this;
    }

    /** Namespace changes, and deletions of the objects this controller keeps, enqueue the namespace. */
    private void route(WatchEvent e) {
        String key = e.key();
        if (key.startsWith(namespaces.keyPrefix())) {
            queue.add(key.substring(namespaces.keyPrefix().length()));
        } else if (e.type() == WatchEvent.Type.DELETED) {
            namespaceOfKept(key, serviceAccounts, DEFAULT_SERVICE_ACCOUNT);
            namespaceOfKept(key, configMaps, ROOT_CA_CONFIG_MAP);
        }
    }

    /** Enqueues the namespace when {@code key} is the object of that type and name this controller keeps. */
    private void namespaceOfKept(String key, ResourceType type, String name) {
        if (key.startsWith(type.keyPrefix()) && key.endsWith("/" + name)) {
            String namespaceAndName = key.substring(type.keyPrefix().length());
            queue.add(namespaceAndName.substring(0, namespaceAndName.indexOf('/')));
        }
    }

    private void reconcile(String namespace) {
        Optional<StoredObject> ns = registry.find(namespaces, null, namespace);
        if (ns.isEmpty()) {
            return;
        }
        JsonNode object = Json.parseStored(ns.get().value());
        if (!"Active".equals(Json.text(object, "status.phase"))) {
            return;
        }
        ensure(serviceAccounts, namespace, DEFAULT_SERVICE_ACCOUNT, sa -> { });
        ensure(configMaps, namespace, ROOT_CA_CONFIG_MAP, cm -> {
            Json.child(Json.metadata(cm), "annotations").put("kubernetes.io/description", "Contains a CA bundle "
                    + "that can be used to verify the kube-apiserver when using internal endpoints such as the "
                    + "internal service IP or kubernetes.default.svc. No other usage is guaranteed across "
                    + "distributions of Kubernetes clusters.");
            cm.putObject("data").put("ca.crt", caPem);
        });
    }

    private void ensure(ResourceType type, String namespace, String name,
                        java.util.function.Consumer<ObjectNode> fill) {
        if (registry.find(type, namespace, name).isPresent()) {
            return;
        }
        ObjectNode object = Json.object();
        object.put("apiVersion", "v1");
        object.put("kind", type.kind());
        Json.metadata(object).put("name", name);
        fill.accept(object);
        try {
            registry.create(type, namespace, object, RequestContext.system("namespace-content-controller"));
        } catch (ApiException e) {
            // already there (raced with a user) or the namespace started terminating: nothing to do
            if (e.code() != 409 && e.code() != 403 && e.code() != 404) {
                throw e;
            }
            log.debug("{} {}/{} not created: {}", type.kind(), namespace, name, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (loop != null) {
            loop.close();
        }
    }
}
