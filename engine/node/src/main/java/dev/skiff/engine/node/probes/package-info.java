/**
 * Container probes, lifecycle hooks and crash-loop back-off, as the kubelet does them: {@link
 * dev.skiff.engine.node.probes.Prober} runs one liveness, readiness or startup check, {@link
 * dev.skiff.engine.node.probes.ProbeWorker} repeats it and applies the thresholds, {@link
 * dev.skiff.engine.node.probes.LifecycleHandler} runs postStart and preStop handlers, and {@link
 * dev.skiff.engine.node.probes.
 */
package dev.skiff.engine.node.probes;
