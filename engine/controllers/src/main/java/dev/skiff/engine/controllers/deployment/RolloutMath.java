package dev.skiff.engine.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The numbers of a rolling update as Kubernetes computes them: maxSurge rounds up, maxUnavailable rounds
 * down (both may be absolute or a percentage of the desired replicas), and they cannot both be zero.
 */
final class RolloutMath {
    private RolloutMath() {
    }

    /** {@code [maxSurge, maxUnavailable]} for the Deployment's strategy and desired replicas. */
    static int[] surgeAndUnavailable(JsonNode rollingUpdate, int replicas) {
        int surge = resolve(rollingUpdate.path("maxSurge"), "25%", replicas, true);
        int unavailable = resolve(rollingUpdate.path("maxUnavailable"), "25%", replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1; // Kubernetes: both zero would never progress
        }
        return new int[] {surge, unavailable};
    }

    static int resolve(JsonNode value, String fallback, int total, boolean roundUp) {
        String text = value.isMissingNode() || value.isNull() ? fallback : value.asText();
        if (text.endsWith("%")) {
            double percent = Double.parseDouble(text.substring(0, text.length() - 1));
            double exact = percent * total / 100.0;
            return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
        }
        return Integer.parseInt(text);
    }
}
