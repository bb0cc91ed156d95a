package dev.skiff.engine.api.resource;

import java.util.List;

/**
 * One kind the API serves: where it lives in the URL space, how discovery describes it, and which
 * subresources it has.
 */
public record ResourceType(String group, String version, String kind, String plural, String singular,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           boolean hasStatus, boolean hasScale) {

    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** "apps/v1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return kind + "List";
    }

    /** "deployments.apps", or "pods" for the core group: how Kubernetes names a resource in messages. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The store key prefix of every object of this type, in all namespaces. */
    public String keyPrefix() {
        return "/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    }

    /** The store key prefix of this type's objects in one namespace (all of them for cluster scope). */
    public String keyPrefix(String namespace) {
        return namespaced && namespace != null ? keyPrefix() + namespace + "/" : keyPrefix();
    }

    public String key(String namespace, String name) {
        return keyPrefix(namespace) + name;
    }
}
