package dev.skiff.engine.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceRegistry.GroupVersion;
import dev.skiff.engine.api.resource.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents in both forms: aggregated (apidiscovery.k8s.io/v2, two requests for all of
 * discovery, which kubectl 1.32 asks for first) and legacy (APIVersions, APIGroupList, APIResourceList,
 * which fabric8 and older clients use).
 */
public final class Discovery {
    /** The content type kubectl needs to see to accept an aggregated discovery answer. */
    public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final ResourceRegistry registry;

    public Discovery(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** Whether an Accept header asks for aggregated discovery v2. */
    public static boolean wantsAggregated(String accept) {
        if (accept == null) {
            return false;
        }
        for (String mediaType : accept.split(",")) {
            List<String> params = List.of(mediaType.replace(" ", "").split(";"));
            if (params.contains("g=apidiscovery.k8s.io") && params.contains("v=v2")
                    && params.contains("as=APIGroupDiscoveryList")) {
                return true;
            }
        }
        return false;
    }

    /** The aggregated document for {@code /api} (core) or {@code /apis} (named groups). */
    public ObjectNode aggregated(boolean core) {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (Map.Entry<String, List<GroupVersion>> group : groups(core).entrySet()) {
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!group.getKey().isEmpty()) {
                meta.put("name", group.getKey());
            }
            meta.putNull("creationTimestamp");
            ArrayNode versions = item.putArray("versions");
            for (GroupVersion gv : group.getValue()) {
                ObjectNode v = versions.addObject();
                v.put("version", gv.version());
                ArrayNode resources = v.putArray("resources");
                for (ResourceType t : gv.resources()) {
                    resources.add(aggregatedResource(t));
                }
                v.put("freshness", "Current");
            }
        }
        return list;
    }

    private static ObjectNode aggregatedResource(ResourceType t) {
        ObjectNode r = Json.object();
        r.put("resource", t.plural());
        r.set("responseKind", kind(t.group(), t.version(), t.kind()));
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        verbs(r.putArray("verbs"), ResourceType.VERBS);
        if (!t.shortNames().isEmpty()) {
            verbs(r.putArray("shortNames"), t.shortNames());
        }
        if (!t.categories().isEmpty()) {
            verbs(r.putArray("categories"), t.categories());
        }
        ArrayNode subs = Json.NODES.arrayNode();
        if (t.hasScale()) {
            ObjectNode s = subs.addObject();
            s.put("subresource", "scale");
            s.set("responseKind", kind("autoscaling", "v1", "Scale"));
            verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
        }
        if (t.hasStatus()) {
            ObjectNode s = subs.addObject();
            s.put("subresource", "status");
            s.set("responseKind", kind(t.group(), t.version(), t.kind()));
            verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
        }
        if (!subs.isEmpty()) {
            r.set("subresources", subs);
        }
        return r;
    }

    /** {@code GET /api}. */
    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode v = Json.object();
        v.put("kind", "APIVersions");
        v.putArray("versions").add("v1");
        ObjectNode cidr = v.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return v;
    }

    /** {@code GET /apis}. */
    public ObjectNode apiGroupList() {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (Map.Entry<String, List<GroupVersion>> g : groups(false).entrySet()) {
            groups.add(apiGroup(g.getKey(), g.getValue()));
        }
        return list;
    }

    /** {@code GET /apis/GROUP}, or null when the group is not served. */
    public ObjectNode apiGroup(String group) {
        List<GroupVersion> versions = groups(false).get(group);
        if (versions == null) {
            return null;
        }
        ObjectNode g = apiGroup(group, versions);
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        return g;
    }

    private static ObjectNode apiGroup(String name, List<GroupVersion> versions) {
        ObjectNode g = Json.object();
        g.put("name", name);
        ArrayNode vs = g.putArray("versions");
        for (GroupVersion gv : versions) {
            ObjectNode v = vs.addObject();
            v.put("groupVersion", gv.apiVersion());
            v.put("version", gv.version());
        }
        ObjectNode preferred = g.putObject("preferredVersion");
        preferred.put("groupVersion", versions.get(0).apiVersion());
        preferred.put("version", versions.get(0).version());
        return g;
    }

    /** {@code GET /api/v1} or {@code GET /apis/GROUP/VERSION}, or null when not served. */
    public ObjectNode resourceList(String group, String version) {
        GroupVersion gv = registry.groupVersions().stream()
                .filter(x -> x.group().equals(group) && x.version().equals(version)).findFirst().orElse(null);
        if (gv == null) {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", gv.apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : gv.resources()) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            verbs(r.putArray("verbs"), ResourceType.VERBS);
            if (!t.shortNames().isEmpty()) {
                verbs(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                verbs(r.putArray("categories"), t.categories());
            }
            if (t.hasScale()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/scale");
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                s.put("group", "autoscaling");
                s.put("version", "v1");
                s.put("kind", "Scale");
                verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
            }
            if (t.hasStatus()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/status");
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                s.put("kind", t.kind());
                verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
            }
        }
        return list;
    }

    private Map<String, List<GroupVersion>> groups(boolean core) {
        Map<String, List<GroupVersion>> result = new LinkedHashMap<>();
        for (GroupVersion gv : registry.groupVersions()) {
            if (gv.group().isEmpty() == core) {
                result.computeIfAbsent(gv.group(), k -> new java.util.ArrayList<>()).add(gv);
            }
        }
        return result;
    }

    private static ObjectNode kind(String group, String version, String kind) {
        ObjectNode k = Json.object();
        k.put("group", group);
        k.put("version", version);
        k.put("kind", kind);
        return k;
    }

    private static void verbs(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
