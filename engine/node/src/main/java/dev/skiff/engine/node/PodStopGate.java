package dev.skiff.engine.node;

/**
 * What must happen before a deleted pod's containers are told to stop: the service proxy and ingress take the
 * pod's address out of rotation, so no new request reaches a process that is shutting down.
 */
@FunctionalInterface
public interface PodStopGate {
    /** Returns once no new connection goes to {@code podIp}. */
    void outOfRotation(String podIp);

    PodStopGate NONE = podIp -> { };
}
