package dev.skiff.engine.api.discovery;

import dev.skiff.engine.api.schema.ApiResource;
import java.util.List;

/**
 * Resources of one group version that discovery lists beside the registry's kinds because endpoints of their own
 * serve them, not the store: the {@code pods/log} subresource, the {@code metrics.k8s.io} group. An entry named
 * {@code plural/sub} is listed as a subresource of that plural; the others as resources of their own.
 */
public record ExtraResources(String group, String version, List<ApiResource> resources) {

    public ExtraResources {
        resources = List.copyOf(resources);
    }

    /** "metrics.k8s.io/v1beta1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
