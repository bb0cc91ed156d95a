package dev.skiff.engine.api.schema;

import java.util.List;
import java.util.Objects;

/**
 * One resource of a group version, as discovery lists it (Kubernetes' {@code APIResource}); the input from
 * which the OpenAPI paths are generated.
 *
 * @param name       the plural, or {@code plural/subresource} for a subresource: {@code deployments},
 *                   {@code deployments/status}, {@code deployments/scale}, {@code pods/log}
 * @param namespaced whether objects live in a namespace
 * @param group      the group of {@code kind} when it differs from the containing group version
 *                   ({@code autoscaling} for {@code deployments/scale}); ignored when {@code version} is empty
 * @param version    the version of {@code kind} when it differs, else empty: the containing group version applies
 * @param kind       the kind served at this path: {@code Deployment}, {@code Scale}
 * @param verbs      the Kubernetes verbs: get, list, watch, create, update, patch, delete, deletecollection
 */
public record ApiResource(String name, boolean namespaced, String group, String version, String kind,
                          List<String> verbs) {

    public ApiResource {
        Objects.requireNonNull(name, "name");
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        Objects.requireNonNull(kind, "kind");
        verbs = List.copyOf(verbs);
    }

    /** A resource whose kind belongs to the containing group version. */
    public static ApiResource of(String name, boolean namespaced, String kind, List<String> verbs) {
        return new ApiResource(name, namespaced, "", "", kind, verbs);
    }

    /** The plural of the resource this path belongs to: {@code deployments} for {@code deployments/scale}. */
    public String plural() {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** The subresource, e.g. {@code scale}, or empty for the resource itself. */
    public String subresource() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(slash + 1);
    }

    /** Whether {@code verb} is served. */
    public boolean supports(String verb) {
        return verbs.contains(verb);
    }
}
