/**
 * Real CPU and memory limits for pods run as local processes: one cgroup per pod and per container, written
 * as the kubelet writes them, on cgroup v1 or v2. {@link dev.skiff.engine.node.cgroups.Cgroups} finds the
 * machine's facility, and says why when it cannot be used.
 */
package dev.skiff.engine.node.cgroups;
