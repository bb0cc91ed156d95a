package dev.skiff.engine.node.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/** The names of the ConfigMaps and Secrets a pod reads, through its volumes or its containers' environment. */
final class ReferencedObjects {

    private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};

    private ReferencedObjects() {
    }

    static Set<String> configMaps(ObjectNode pod) {
        Set<String> names = new TreeSet<>();
        JsonNode spec = pod.path("spec");
        for (JsonNode volume : spec.path("volumes")) {
            add(names, volume.path("configMap").path("name"));
            for (JsonNode source : volume.path("projected").path("sources")) {
                add(names, source.path("configMap").path("name"));
            }
        }
        for (String list : CONTAINER_LISTS) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode envFrom : container.path("envFrom")) {
                    add(names, envFrom.path("configMapRef").path("name"));
                }
                for (JsonNode env : container.path("env")) {
                    add(names, env.path("valueFrom").path("configMapKeyRef").path("name"));
                }
            }
        }
        return names;
    }

    static Set<String> secrets(ObjectNode pod) {
        Set<String> names = new TreeSet<>();
        JsonNode spec = pod.path("spec");
        for (JsonNode volume : spec.path("volumes")) {
            add(names, volume.path("secret").path("secretName"));
            for (JsonNode source : volume.path("projected").path("sources")) {
                add(names, source.path("secret").path("name"));
            }
        }
        for (String list : CONTAINER_LISTS) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode envFrom : container.path("envFrom")) {
                    add(names, envFrom.path("secretRef").path("name"));
                }
                for (JsonNode env : container.path("env")) {
                    add(names, env.path("valueFrom").path("secretKeyRef").path("name"));
                }
            }
        }
        return names;
    }

    private static void add(Set<String> names, JsonNode name) {
        if (name.isTextual() && !name.asText().isEmpty()) {
            names.add(name.asText());
        }
    }
}
