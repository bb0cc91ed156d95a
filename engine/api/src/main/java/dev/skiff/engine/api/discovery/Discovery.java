package dev.skiff.engine.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceRegistry.GroupVersion;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.ApiResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents in both forms: aggregated (apidiscovery.k8s.io/v2, two requests for all of
 * discovery, which kubectl 1.32 asks for first) and legacy (APIVersions, APIGroupList, APIResourceList,
 * which fabric8 and older clients use). Lists the registry's kinds, read live, and the {@link ExtraResources}
 * served by endpoints of their own.
 */
public final class Discovery {
    /** The content type kubectl needs to see to accept an aggregated discovery answer. */
    public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final ResourceRegistry registry;
    private final List<ExtraResources> extras;

    public Discovery(ResourceRegistry registry, List<ExtraResources> extras) {
        this.registry = registry;
        this.extras = List.copyOf(extras);
    }

    /** One group version as discovery lists it: the registry's kinds and the extra resources of their own. */
    private record Listed(String group, String version, List<ResourceType> types, List<ApiResource> others) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /** A subresource of a kind: its name, the kind it answers with, and its verbs. */
    private record Subresource(String name, String group, String version, String kind, List<String> verbs,
                               boolean otherGroupVersion) {
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
        for (Map.Entry<String, List<Listed>> group : groups(core).entrySet()) {
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!group.getKey().isEmpty()) {
                meta.put("name", group.getKey());
            }
            meta.putNull("creationTimestamp");
            ArrayNode versions = item.putArray("versions");
            for (Listed gv : group.getValue()) {
                ObjectNode v = versions.addObject();
                v.put("version", gv.version());
                ArrayNode resources = v.putArray("resources");
                for (ResourceType t : gv.types()) {
                    resources.add(aggregatedResource(t));
                }
                for (ApiResource r : gv.others()) {
                    resources.add(aggregatedResource(gv, r));
                }
                v.put("freshness", "Current");
            }
        }
        return list;
    }

    private ObjectNode aggregatedResource(ResourceType t) {
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
        for (Subresource sub : subresources(t)) {
            ObjectNode s = subs.addObject();
            s.put("subresource", sub.name());
            s.set("responseKind", kind(sub.group(), sub.version(), sub.kind()));
            verbs(s.putArray("verbs"), sub.verbs());
        }
        if (!subs.isEmpty()) {
            r.set("subresources", subs);
        }
        return r;
    }

    private static ObjectNode aggregatedResource(Listed gv, ApiResource resource) {
        ObjectNode r = Json.object();
        r.put("resource", resource.name());
        r.set("responseKind", kind(gv.group(), gv.version(), resource.kind()));
        r.put("scope", resource.namespaced() ? "Namespaced" : "Cluster");
        // what an API server built on k8s.io/apiserver (metrics-server) says for storage without a singular name
        r.put("singularResource", "");
        verbs(r.putArray("verbs"), resource.verbs());
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
        for (Map.Entry<String, List<Listed>> g : groups(false).entrySet()) {
            groups.add(apiGroup(g.getKey(), g.getValue()));
        }
        return list;
    }

    /** {@code GET /apis/GROUP}, or null when the group is not served. */
    public ObjectNode apiGroup(String group) {
        List<Listed> versions = groups(false).get(group);
        if (versions == null) {
            return null;
        }
        ObjectNode g = apiGroup(group, versions);
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        return g;
    }

    private static ObjectNode apiGroup(String name, List<Listed> versions) {
        ObjectNode g = Json.object();
        g.put("name", name);
        ArrayNode vs = g.putArray("versions");
        for (Listed gv : versions) {
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
        Listed gv = listed().stream()
                .filter(x -> x.group().equals(group) && x.version().equals(version)).findFirst().orElse(null);
        if (gv == null) {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", gv.apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : gv.types()) {
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
            for (Subresource sub : subresources(t)) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub.name());
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                if (sub.otherGroupVersion()) {
                    s.put("group", sub.group());
                    s.put("version", sub.version());
                }
                s.put("kind", sub.kind());
                verbs(s.putArray("verbs"), sub.verbs());
            }
        }
        for (ApiResource other : gv.others()) {
            ObjectNode r = resources.addObject();
            r.put("name", other.name());
            r.put("singularName", "");
            r.put("namespaced", other.namespaced());
            r.put("kind", other.kind());
            verbs(r.putArray("verbs"), other.verbs());
        }
        return list;
    }

    /** A kind's subresources in name order, as Kubernetes lists them: its own and the extra ones. */
    private List<Subresource> subresources(ResourceType t) {
        List<Subresource> subs = new ArrayList<>();
        if (t.hasScale()) {
            subs.add(new Subresource("scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS, true));
        }
        if (t.hasStatus()) {
            subs.add(new Subresource("status", t.group(), t.version(), t.kind(), SUBRESOURCE_VERBS, false));
        }
        for (ExtraResources extra : extras) {
            if (!extra.group().equals(t.group()) || !extra.version().equals(t.version())) {
                continue;
            }
            for (ApiResource r : extra.resources()) {
                if (r.plural().equals(t.plural()) && !r.subresource().isEmpty()) {
                    boolean other = !r.version().isEmpty();
                    subs.add(new Subresource(r.subresource(), other ? r.group() : t.group(),
                            other ? r.version() : t.version(), r.kind(), r.verbs(), other));
                }
            }
        }
        subs.sort(Comparator.comparing(Subresource::name));
        return subs;
    }

    /** The registry's group versions with the extra resources of their own, then the extra group versions. */
    private List<Listed> listed() {
        List<Listed> result = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (GroupVersion gv : registry.groupVersions()) {
            result.add(new Listed(gv.group(), gv.version(), gv.resources(), others(gv.apiVersion())));
            seen.add(gv.apiVersion());
        }
        for (ExtraResources extra : extras) {
            if (!seen.contains(extra.apiVersion())) {
                result.add(new Listed(extra.group(), extra.version(), List.of(), others(extra.apiVersion())));
                seen.add(extra.apiVersion());
            }
        }
        return result;
    }

    /** The extra entries of a group version that are resources of their own (not subresources). */
    private List<ApiResource> others(String apiVersion) {
        List<ApiResource> result = new ArrayList<>();
        for (ExtraResources extra : extras) {
            if (extra.apiVersion().equals(apiVersion)) {
                extra.resources().stream().filter(r -> r.subresource().isEmpty()).forEach(result::add);
            }
        }
        return result;
    }

    private Map<String, List<Listed>> groups(boolean core) {
        Map<String, List<Listed>> result = new LinkedHashMap<>();
        for (Listed gv : listed()) {
            if (gv.group().isEmpty() == core) {
                result.computeIfAbsent(gv.group(), k -> new ArrayList<>()).add(gv);
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
