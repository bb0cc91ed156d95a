package dev.skiff.engine.node.probes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.node.env.VariableExpansion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code $(VAR)} in an exec probe's command from the container's literal {@code env[].value}s, as the
 * kubelet does before running it: {@code $$} is a literal {@code $}, unknown names stay as written, and a
 * variable set with {@code valueFrom} expands to the empty string.
 */
final class CommandExpansion {
    private CommandExpansion() {
    }

    static List<String> expand(JsonNode command, JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode var : container.path("env")) {
            env.put(var.path("name").asText(), var.path("value").asText(""));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode arg : command) {
            out.add(VariableExpansion.expand(arg.asText(), env));
        }
        return out;
    }
}
