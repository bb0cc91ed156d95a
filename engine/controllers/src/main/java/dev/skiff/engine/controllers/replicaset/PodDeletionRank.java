package dev.skiff.engine.controllers.replicaset;

import dev.skiff.engine.controllers.Conditions;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * Which pods a ReplicaSet removes first when it scales down, in Kubernetes' order: unscheduled before
 * scheduled, pending before unknown before running, not ready before ready, more restarts before fewer,
 * newer before older.
 */
final class PodDeletionRank {
    private PodDeletionRank() {
    }

    static final Comparator<JsonNode> FIRST_TO_DELETE = Comparator
            .comparingInt((JsonNode p) -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
            .thenComparingInt(p -> switch (p.path("status").path("phase").asText("")) {
                case "Pending" -> 0;
                case "Unknown" -> 1;
                case "Running" -> 2;
                default -> 0;
            })
            .thenComparingInt(p -> Conditions.isTrue(p, "Ready") ? 1 : 0)
            .thenComparing(Comparator.comparingInt(PodDeletionRank::restarts).reversed())
            .thenComparing(Comparator.comparing(
                    (JsonNode p) -> p.path("metadata").path("creationTimestamp").asText("")).reversed());


    private static int restarts(JsonNode pod) {
        int max = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            max = Math.max(max, cs.path("restartCount").asInt(0));
        }
        return max;
    }
}
