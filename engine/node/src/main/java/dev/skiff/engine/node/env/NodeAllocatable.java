package dev.skiff.engine.node.env;

import java.lang.management.ManagementFactory;

/**
 * The node's allocatable resources, which the downward API reports as a container's limit when the container
 * sets none (the kubelet's {@code MergeContainerResourceLimits}).
 *
 * @param cpuMillis             allocatable CPU in milli-cores
 * @param memoryBytes           allocatable memory in bytes
 * @param ephemeralStorageBytes allocatable ephemeral storage in bytes; 0 when the node does not report it
 */
public record NodeAllocatable(long cpuMillis, long memoryBytes, long ephemeralStorageBytes) {

    /** CPU and memory only; ephemeral storage is then not reported. */
    public NodeAllocatable(long cpuMillis, long memoryBytes) {
        this(cpuMillis, memoryBytes, 0);
    }

    /** This machine's processors and physical memory. */
    public static NodeAllocatable ofThisMachine() {
        long memory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        return new NodeAllocatable(Runtime.getRuntime().availableProcessors() * 1000L, memory);
    }
}
