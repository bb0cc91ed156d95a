package dev.skiff.engine.api.e2e;

import dev.skiff.engine.api.node.ResourceMetrics;
import java.util.List;
import java.util.Optional;

/** A node agent's samples for tests: whatever the test sets. */
final class FixedResourceMetrics implements ResourceMetrics {
    private volatile List<PodUsage> pods = List.of();
    private volatile NodeUsage node;

    void set(List<PodUsage> pods, NodeUsage node) {
        this.pods = List.copyOf(pods);
        this.node = node;
    }

    @Override
    public List<PodUsage> pods() {
        return pods;
    }

    @Override
    public Optional<NodeUsage> node() {
        return Optional.ofNullable(node);
    }
}
