package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** The CONTAINERS and IMAGES cells of workloads: every container of the pod template, on one line. */
record Containers(String names, String images) {

    /** The containers of {@code spec.template.spec.containers} below the given node. */
    static Containers ofTemplate(JsonNode workloadSpec) {
        List<JsonNode> containers = Json.items(workloadSpec, "template", "spec", "containers");
        return new Containers(
                containers.stream().map(c -> Json.text(c, "name")).collect(Collectors.joining(",")),
                containers.stream().map(c -> Json.text(c, "image")).collect(Collectors.joining(",")));
    }
}
