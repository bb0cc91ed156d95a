package dev.skiff.engine.node.volumes;

import java.nio.file.Path;

/**
 * One {@code volumeMounts} entry of a container, resolved on this machine.
 *
 * @param hostPath  where the content is on the host (the volume's directory, or a path inside it for a
 *                  {@code subPath})
 * @param mountPath where the container expects it
 * @param readOnly  whether the container may only read it (always for configMap, secret, downwardAPI and
 *                  projected volumes)
 */
public record Mount(Path hostPath, String mountPath, boolean readOnly) {
}
