package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pods start Pending with the QoS class their resources give them. */
final class PodStrategy extends GenericStrategy {
    PodStrategy() {
        super(NameRule.DNS1123_SUBDOMAIN, false, true);
    }

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", QosClass.of(pod.path("spec")));
    }
}
