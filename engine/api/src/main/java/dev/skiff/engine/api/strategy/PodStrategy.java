package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pods start Pending with the QoS class their resources give them. */
final class PodStrategy extends GenericStrategy {
    PodStrategy() {
        super(NameRule.DNS1123_SUBDOMAIN, false, true);
    }

    /**
     * As Kubernetes: the requested period, else the pod's terminationGracePeriodSeconds (30); but at once for a
     * pod no node runs (not scheduled) or that has already finished.
     */
    @Override
    public long gracePeriodSeconds(ObjectNode pod, Long requested) {
        String phase = pod.path("status").path("phase").asText("");
        if (pod.path("spec").path("nodeName").asText("").isEmpty() || phase.equals("Succeeded")
                || phase.equals("Failed")) {
            return 0;
        }
        long grace = requested != null ? requested : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        return Math.max(0, grace);
    }

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", QosClass.of(pod.path("spec")));
    }
}
