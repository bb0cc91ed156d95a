/**
 * A pod's volumes on the local file system, as the kubelet's volume plugins lay them out: emptyDir, hostPath,
 * and the atomically updated configMap, secret, downwardAPI and projected volumes; plus the mounts of each
 * container and a private mount namespace that places them at their mount paths.
 */
package dev.skiff.engine.node.volumes;
