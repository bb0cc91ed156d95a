package dev.skiff.engine.api.schema;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structure of one built-in kind: which fields exist, at every depth, and what JSON type each takes.
 * Read from the fabric8 kubernetes-model classes and cached, so looking one up on every write is cheap.
 *
 * @param group   the API group, empty for the core group
 * @param version the API version, e.g. {@code v1}
 * @param kind    the kind, e.g. {@code Deployment}
 * @param root    the top-level struct, e.g. {@code io.k8s.api.apps.v1.Deployment}
 */
public record ObjectSchema(String group, String version, String kind, StructSchema root) {

    private static final Map<String, Optional<ObjectSchema>> BY_KIND = new ConcurrentHashMap<>();

    public ObjectSchema {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
    }

    /**
     * The schema of a built-in kind (core/v1 Pod, apps/v1 Deployment, autoscaling/v1 Scale, DeleteOptions...),
     * or empty when Skiff has no structure for it (custom resources, List kinds).
     *
     * @param group the API group, {@code ""} for core
     */
    public static Optional<ObjectSchema> forKind(String group, String version, String kind) {
        return BY_KIND.computeIfAbsent(group + "/" + version + "/" + kind, key -> BuiltinKinds
                .classOf(group, version, kind)
                .map(type -> new ObjectSchema(group, version, kind, (StructSchema) ModelIntrospector.of(type))));
    }

    /** The OpenAPI definition name of the top-level struct, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
    public String definitionName() {
        return root.definitionName();
    }
}
