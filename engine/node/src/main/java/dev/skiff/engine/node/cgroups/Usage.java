package dev.skiff.engine.node.cgroups;

/**
 * What a cgroup has used, in the terms the kubelet's summary and metrics report.
 *
 * @param cpuUsageNanos          CPU time used since the cgroup was created, cumulative, in nanoseconds
 * @param memoryWorkingSetBytes  memory in use minus inactive file cache, as cAdvisor computes the working set
 *                               (what the kubelet evicts on and {@code kubectl top} shows)
 */
public record Usage(long cpuUsageNanos, long memoryWorkingSetBytes) {

    /** The working set from total usage and the inactive file pages the kernel can drop, never negative. */
    static long workingSet(long usageBytes, long inactiveFileBytes) {
        return Math.max(0, usageBytes - inactiveFileBytes);
    }
}
