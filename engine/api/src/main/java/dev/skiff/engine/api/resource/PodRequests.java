package dev.skiff.engine.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a pod asks of a node, as the scheduler counts it: the larger of its containers' summed requests and
 * its biggest init container's request (init containers run one at a time, before the others), plus the
 * pod's overhead.
 */
public record PodRequests(long cpuMillis, long memoryBytes) {

    public static PodRequests of(JsonNode podSpec) {
        long cpu = 0;
        long memory = 0;
        for (JsonNode c : podSpec.path("containers")) {
            cpu += cpuMillis(c.path("resources").path("requests").path("cpu"));
            memory += bytes(c.path("resources").path("requests").path("memory"));
        }
        for (JsonNode c : podSpec.path("initContainers")) {
            cpu = Math.max(cpu, cpuMillis(c.path("resources").path("requests").path("cpu")));
            memory = Math.max(memory, bytes(c.path("resources").path("requests").path("memory")));
        }
        cpu += cpuMillis(podSpec.path("overhead").path("cpu"));
        memory += bytes(podSpec.path("overhead").path("memory"));
        return new PodRequests(cpu, memory);
    }

    /** A CPU quantity in millicores, rounded up as Kubernetes' MilliValue does; 0 when absent. */
    public static long cpuMillis(JsonNode quantity) {
        return Quantity.of(quantity)
                .map(q -> q.value().movePointRight(3).setScale(0, RoundingMode.CEILING).longValue())
                .orElse(0L);
    }

    /** A quantity in whole units (bytes), rounded up; 0 when absent. */
    public static long bytes(JsonNode quantity) {
        return Quantity.of(quantity).map(q -> q.value().setScale(0, RoundingMode.CEILING))
                .map(BigDecimal::longValue).orElse(0L);
    }

    public PodRequests plus(PodRequests other) {
        return new PodRequests(cpuMillis + other.cpuMillis, memoryBytes + other.memoryBytes);
    }
}
