package dev.skiff.engine.node.volumes;

import dev.skiff.engine.node.env.ContainerConfigException;

/**
 * A volume could not be set up ({@code configmap "app" not found}). The kubelet records it as a
 * {@value #REASON} event with {@link #eventMessage()} and leaves the pod waiting in {@code ContainerCreating}
 * until the volume can be set up.
 */
public class MountVolumeException extends ContainerConfigException {

    /** The kubelet's event reason. */
    public static final String REASON = "FailedMount";

    private final String volumeName;

    public MountVolumeException(String volumeName, String message) {
        super(message);
        this.volumeName = volumeName;
    }

    /** The name of the volume in the pod's spec. */
    public String volumeName() {
        return volumeName;
    }

    /** The kubelet's event text: {@code MountVolume.SetUp failed for volume "app" : configmap "app" not found}. */
    public String eventMessage() {
        return "MountVolume.SetUp failed for volume \"" + volumeName + "\" : " + getMessage();
    }
}
