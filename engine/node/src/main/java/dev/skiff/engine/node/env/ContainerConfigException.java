package dev.skiff.engine.node.env;

/**
 * A container cannot be configured: what the kubelet reports as the waiting reason
 * {@code CreateContainerConfigError}, with its message ({@code configmap "app" not found},
 * {@code couldn't find key url in ConfigMap default/app}).
 */
public class ContainerConfigException extends RuntimeException {

    /** The kubelet's waiting reason for this failure. */
    public static final String REASON = "CreateContainerConfigError";

    public ContainerConfigException(String message) {
        super(message);
    }
}
