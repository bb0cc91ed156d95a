package dev.skiff.engine.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.controllers.OwnerReferences;
import dev.skiff.engine.controllers.endpoints.ServiceEndpoints.Endpoint;
import dev.skiff.engine.controllers.endpoints.ServiceEndpoints.Group;
import dev.skiff.engine.controllers.endpoints.ServiceEndpoints.Port;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Endpoints and EndpointSlice controllers in one: for every Service with a selector, the Endpoints object of
 * the same name (ready addresses, notReadyAddresses, terminating pods left out) and EndpointSlices labelled
 * {@code kubernetes.io/service-name} (up to 100 endpoints each, with ready, serving and terminating conditions),
 * owned by the Service. Services without a selector are left to whoever writes their endpoints.
 */
public final class EndpointsController implements AutoCloseable {
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    private static final int MAX_PER_SLICE = 100;
    private static final RequestContext SELF = RequestContext.system("system:serviceaccount:kube-system:"
            + "endpointslice-controller");

    private final GenericRegistry registry;
    private final ResourceType services;
    private final ResourceType pods;
    private final ResourceType endpoints;
    private final ResourceType slices;
    private final WorkQueue queue = new WorkQueue();
    private EventFeed feed;
    private ControllerLoop loop;

    public EndpointsController(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.services = resources.byKind("", "Service").orElseThrow();
        this.pods = resources.byKind("", "Pod").orElseThrow();
        this.endpoints = resources.byKind("", "Endpoints").orElseThrow();
        this.slices = resources.byKind("discovery.k8s.io", "EndpointSlice").orElseThrow();
    }

    public EndpointsController start() {
        var existing = registry.store().list(services.keyPrefix(), null, 0, o -> true);
        existing.items().forEach(o -> queue.add(o.key().substring(services.keyPrefix().length())));
        feed = EventFeed.start("endpoints-controller", registry.store(), existing.revision(),
                List.of(services.keyPrefix(), pods.keyPrefix()), this::route);
        loop = new ControllerLoop("endpoints-controller", queue, this::reconcile).start(2);
        return this;
    }

    /** A Service change enqueues it; a pod change enqueues every Service of its namespace. */
    private void route(WatchEvent e) {
        if (e.key().startsWith(services.keyPrefix())) {
            queue.add(e.key().substring(services.keyPrefix().length()));
            return;
        }
        String rest = e.key().substring(pods.keyPrefix().length());
        String namespace = rest.substring(0, rest.indexOf('/'));
        for (StoredObject svc : registry.store().list(services.keyPrefix(namespace), null, 0, o -> true).items()) {
            queue.add(svc.key().substring(services.keyPrefix().length()));
        }
    }

    private void reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Optional<StoredObject> stored = registry.find(services, namespace, name);
        if (stored.isEmpty()) {
            deleteQuietly(endpoints, namespace, name); // the slices go with their owner
            return;
        }
        ObjectNode service = Json.parseStored(stored.get().value());
        JsonNode selector = service.path("spec").path("selector");
        if (selector.isMissingNode() || selector.isEmpty() || service.path("metadata").has("deletionTimestamp")
                || "ExternalName".equals(service.path("spec").path("type").asText())) {
            return;
        }
        ObjectNode asSelector = Json.object();
        asSelector.set("matchLabels", selector);
        LabelSelector matches = LabelSelector.fromLabelSelectorObject(asSelector);
        List<ObjectNode> selected = new ArrayList<>();
        for (StoredObject o : registry.store().list(pods.keyPrefix(namespace), null, 0, x -> true).items()) {
            ObjectNode pod = Json.parseStored(o.value());
            if (matches.matches(pod.path("metadata").path("labels"))) {
                selected.add(pod);
            }
        }
        List<Group> groups = ServiceEndpoints.of(service, selected);
        writeEndpoints(service, groups);
        writeSlices(service, groups);
    }

    private void writeEndpoints(ObjectNode service, List<Group> groups) {
        String namespace = Json.text(service, "metadata.namespace");
        String name = Json.text(service, "metadata.name");
        ArrayNode subsets = ServiceEndpoints.subsets(groups, namespace);
        Optional<StoredObject> current = registry.find(endpoints, namespace, name);
        if (current.isEmpty()) {
            ObjectNode ep = Json.object();
            ep.put("apiVersion", "v1");
            ep.put("kind", "Endpoints");
            ObjectNode meta = ep.putObject("metadata");
            meta.put("name", name);
            copyLabels(service, meta, false);
            if (!subsets.isEmpty()) {
                ep.set("subsets", subsets);
            }
            createQuietly(endpoints, namespace, ep);
            return;
        }
        ObjectNode ep = Json.parseStored(current.get().value());
        if (Json.sameValue(ep.path("subsets").isMissingNode() ? Json.NODES.arrayNode() : ep.path("subsets"),
                subsets)) {
            return;
        }
        updateQuietly(endpoints, namespace, name, o -> {
            if (subsets.isEmpty()) {
                o.remove("subsets");
            } else {
                o.set("subsets", subsets);
            }
            return o;
        });
    }

    private void writeSlices(ObjectNode service, List<Group> groups) {
        String namespace = Json.text(service, "metadata.namespace");
        String name = Json.text(service, "metadata.name");
        List<ObjectNode> wanted = new ArrayList<>();
        for (Group g : groups) {
            for (int from = 0; from < g.endpoints().size(); from += MAX_PER_SLICE) {
                wanted.add(sliceBody(g.ports(), g.endpoints().subList(from, Math.min(g.endpoints().size(),
                        from + MAX_PER_SLICE)), namespace));
            }
        }
        if (wanted.isEmpty()) {
            List<Port> ports = groups.isEmpty() ? servicePorts(service) : groups.getFirst().ports();
            wanted.add(sliceBody(ports, List.of(), namespace)); // a Service always has a slice, if empty
        }
        List<ObjectNode> existing = new ArrayList<>();
        for (StoredObject o : registry.store().list(slices.keyPrefix(namespace), null, 0, x -> true).items()) {
            ObjectNode slice = Json.parseStored(o.value());
            JsonNode labels = slice.path("metadata").path("labels");
            if (name.equals(labels.path("kubernetes.io/service-name").asText())
                    && MANAGED_BY.equals(labels.path("endpointslice.kubernetes.io/managed-by").asText())) {
                existing.add(slice);
            }
        }
        for (int i = 0; i < wanted.size(); i++) {
            ObjectNode body = wanted.get(i);
            if (i < existing.size()) {
                ObjectNode slice = existing.get(i);
                if (Json.sameValue(slice.path("endpoints"), body.path("endpoints"))
                        && Json.sameValue(slice.path("ports"), body.path("ports"))) {
                    continue;
                }
                updateQuietly(slices, namespace, Json.text(slice, "metadata.name"), o -> {
                    o.set("endpoints", body.get("endpoints"));
                    o.set("ports", body.get("ports"));
                    return o;
                });
            } else {
                ObjectNode meta = body.putObject("metadata");
                meta.put("generateName", name + "-");
                ObjectNode labels = copyLabels(service, meta, true);
                labels.put("kubernetes.io/service-name", name);
                labels.put("endpointslice.kubernetes.io/managed-by", MANAGED_BY);
                meta.putArray("ownerReferences").add(OwnerReferences.controlledBy(service));
                createQuietly(slices, namespace, body);
            }
        }
        for (int i = wanted.size(); i < existing.size(); i++) {
            deleteQuietly(slices, namespace, Json.text(existing.get(i), "metadata.name"));
        }
    }

    private static List<Port> servicePorts(JsonNode service) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : service.path("spec").path("ports")) {
            JsonNode target = p.path("targetPort");
            ports.add(new Port(p.path("name").asText(""), target.isInt() ? target.asInt() : p.path("port").asInt(),
                    p.path("protocol").asText("TCP")));
        }
        return ports;
    }

    private static ObjectNode sliceBody(List<Port> ports, List<Endpoint> members, String namespace) {
        ObjectNode slice = Json.object();
        slice.put("apiVersion", "discovery.k8s.io/v1");
        slice.put("kind", "EndpointSlice");
        slice.put("addressType", "IPv4");
        ArrayNode list = slice.putArray("endpoints");
        for (Endpoint e : members) {
            ObjectNode ep = list.addObject();
            ep.putArray("addresses").add(e.ip());
            ep.putObject("conditions").put("ready", e.ready()).put("serving", e.serving())
                    .put("terminating", e.terminating());
            if (e.nodeName() != null) {
                ep.put("nodeName", e.nodeName());
            }
            ep.set("targetRef", ServiceEndpoints.targetRef(e, namespace));
        }
        ArrayNode portList = slice.putArray("ports");
        for (Port p : ports) {
            ObjectNode port = portList.addObject();
            port.put("name", p.name()).put("port", p.port()).put("protocol", p.protocol());
        }
        return slice;
    }

    private static ObjectNode copyLabels(JsonNode service, ObjectNode meta, boolean forSlice) {
        ObjectNode labels = meta.putObject("labels");
        service.path("metadata").path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        if (!forSlice && service.path("spec").path("clusterIP").asText("").equals("None")) {
            labels.put("service.kubernetes.io/headless", "");
        }
        return labels;
    }

    private void createQuietly(ResourceType type, String namespace, ObjectNode body) {
        try {
            registry.create(type, namespace, body, SELF);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    private void updateQuietly(ResourceType type, String namespace, String name,
                               java.util.function.UnaryOperator<ObjectNode> change) {
        try {
            registry.guaranteedUpdate(type, namespace, name, SELF, Subresource.NONE, change);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void deleteQuietly(ResourceType type, String namespace, String name) {
        try {
            registry.delete(type, namespace, name, DeleteOptions.none(), SELF);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
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
