package dev.skiff.engine.api.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the API serves, looked up by group and plural, by kind, and grouped for discovery. Custom
 * resources come and go while the server runs, so every method is safe to call from any thread.
 */
public final class ResourceRegistry {
    private final Map<String, ResourceType> byGroupPlural = new LinkedHashMap<>();
    private final Map<String, ResourceType> byGroupKind = new LinkedHashMap<>();
    private long changes;

    /** Counts additions and removals, so documents derived from the registry know when to rebuild. */
    public synchronized long changes() {
        return changes;
    }

    public ResourceRegistry(List<ResourceType> types) {
        types.forEach(this::add);
    }

    /** The kinds of Kubernetes 1.32 that the engine serves. */
    public static ResourceRegistry builtIn() {
        return new ResourceRegistry(BuiltInResources.ALL);
    }

    public synchronized void add(ResourceType type) {
        changes++;
        byGroupPlural.put(type.group() + "/" + type.plural(), type);
        byGroupKind.put(type.group() + "/" + type.kind(), type);
    }

    /** Stops serving a kind (its CustomResourceDefinition is gone). */
    public synchronized void remove(ResourceType type) {
        changes++;
        byGroupPlural.remove(type.group() + "/" + type.plural(), type);
        byGroupKind.remove(type.group() + "/" + type.kind(), type);
    }

    /** Whether the type is one of the built-in kinds (not a custom resource). */
    public static boolean isBuiltIn(ResourceType type) {
        return BuiltInResources.ALL.contains(type);
    }

    public synchronized Optional<ResourceType> find(String group, String version, String plural) {
        ResourceType t = byGroupPlural.get(group + "/" + plural);
        return t != null && t.version().equals(version) ? Optional.of(t) : Optional.empty();
    }

    public synchronized Optional<ResourceType> byKind(String group, String kind) {
        return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
    }

    public synchronized List<ResourceType> all() {
        return List.copyOf(byGroupPlural.values());
    }

    /** Group versions in discovery order, the core "v1" first. */
    public synchronized List<GroupVersion> groupVersions() {
        Map<String, GroupVersion> result = new LinkedHashMap<>();
        for (ResourceType t : byGroupPlural.values()) {
            result.computeIfAbsent(t.apiVersion(), k -> new GroupVersion(t.group(), t.version(), new ArrayList<>()))
                    .resources().add(t);
        }
        return List.copyOf(result.values());
    }

    /** A group version and the kinds in it. */
    public record GroupVersion(String group, String version, List<ResourceType> resources) {
        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }
}
