package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pod's QoS class by Kubernetes' rules: Guaranteed when every container has equal CPU and memory
 * requests and limits, BestEffort when none has any, Burstable otherwise.
 */
public final class QosClass {
    private QosClass() {
    }

    public static String of(JsonNode podSpec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : podSpec.path(list)) {
                JsonNode requests = c.path("resources").path("requests");
                JsonNode limits = c.path("resources").path("limits");
                for (String r : new String[] {"cpu", "memory"}) {
                    String req = requests.path(r).asText(null);
                    String lim = limits.path(r).asText(null);
                    if (req != null || lim != null) {
                        any = true;
                    }
                    if (lim == null || (req != null && !req.equals(lim))) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
