/**
 * Container logs as the kubelet keeps them: each container instance's stdout and stderr in a CRI log file under
 * the pod's log directory, rotated by size, and read back for {@code kubectl logs} (tail, since, timestamps,
 * limitBytes, previous, follow).
 */
package dev.skiff.engine.node.logs;
