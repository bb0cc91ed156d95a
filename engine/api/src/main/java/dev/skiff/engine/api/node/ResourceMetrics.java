package dev.skiff.engine.api.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where {@code metrics.k8s.io} reads from: CPU and memory use measured by the node agent. */
public interface ResourceMetrics {
    /** The latest sample of every running pod on the node. */
    List<PodUsage> pods();

    /** The latest sample of the node as a whole, if one was taken yet. */
    Optional<NodeUsage> node();

    /** One pod's use over a window ending at {@code timestamp}. */
    record PodUsage(String namespace, String name, Instant timestamp, Duration window, List<ContainerUsage> containers) {
    }

    /** One container's CPU (nanocores, averaged over the window) and memory (working set bytes). */
    record ContainerUsage(String name, long cpuNanoCores, long memoryBytes) {
    }

    /** The node's CPU and memory use. */
    record NodeUsage(String name, Instant timestamp, Duration window, long cpuNanoCores, long memoryBytes) {
    }

    /** Used until a node agent is plugged in: no samples. */
    ResourceMetrics NONE = new ResourceMetrics() {
        @Override
        public List<PodUsage> pods() {
            return List.of();
        }

        @Override
        public Optional<NodeUsage> node() {
            return Optional.empty();
        }
    };
}
