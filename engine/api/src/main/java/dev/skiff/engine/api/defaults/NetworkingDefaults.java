package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of the {@code networking.k8s.io/v1} kinds. An Ingress has none: in v1 every path must say its
 * {@code pathType}.
 */
final class NetworkingDefaults {

    private NetworkingDefaults() {
    }

    /**
     * A policy that does not say which directions it governs governs ingress, and egress too when it has
     * egress rules; each port's protocol is TCP unless told.
     */
    static void networkPolicy(ObjectNode policy) {
        ObjectNode spec = Fields.objectOrNew(policy, "spec");
        if (spec == null) {
            return;
        }
        if (Fields.isEmptyCollection(spec.get("policyTypes"))) {
            ArrayNode types = spec.putArray("policyTypes").add("Ingress");
            if (!Fields.isEmptyCollection(spec.get("egress"))) {
                types.add("Egress");
            }
        }
        for (String direction : new String[] {"ingress", "egress"}) {
            for (ObjectNode rule : Fields.objects(spec, direction)) {
                for (ObjectNode port : Fields.objects(rule, "ports")) {
                    Fields.defaultStringPointer(port, "protocol", ContainerDefaults.PROTOCOL_TCP);
                }
            }
        }
    }

    /** Parameters of an IngressClass are cluster-scoped unless told. */
    static void ingressClass(ObjectNode ingressClass) {
        ObjectNode spec = Fields.object(ingressClass, "spec");
        ObjectNode parameters = spec == null ? null : Fields.object(spec, "parameters");
        if (parameters != null) {
            Fields.defaultStringPointer(parameters, "scope", "Cluster");
        }
    }
}
