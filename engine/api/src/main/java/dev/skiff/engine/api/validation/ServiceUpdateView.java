package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.ServiceValidation.externallyAccessible;
import static dev.skiff.engine.api.validation.ServiceValidation.needsClusterIp;
import static dev.skiff.engine.api.validation.ServiceValidation.needsHealthCheck;
import static dev.skiff.engine.api.validation.ServiceValidation.needsNodePort;
import static dev.skiff.engine.api.validation.ServiceValidation.protocol;
import static dev.skiff.engine.api.validation.ServiceValidation.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Service's new spec as kube-apiserver's service registry prepares it before validating an update
 * ({@code patchAllocatedValues}, {@code NormalizeClusterIPs}, {@code dropTypeDependentFields}). Skiff's
 * strategy should make the same changes to the object it stores; this view only lets validation judge what
 * Kubernetes would judge.
 */
public final class ServiceUpdateView {

    private ServiceUpdateView() {
    }

    /** Prepares {@code spec} (a copy the caller owns) against the old spec. */
    public static void prepare(ObjectNode spec, JsonNode old) {
        patchAllocatedValues(spec, old);
        normalizeClusterIPs(spec, old);
        dropTypeDependentFields(spec, old);
    }

    /** What the registry fills from the old object when a client's update leaves allocated values out. */
    private static void patchAllocatedValues(ObjectNode spec, JsonNode old) {
        if (needsClusterIp(old) && needsClusterIp(spec)) {
            if (Fields.text(spec, "clusterIP").isEmpty() && Fields.has(old, "clusterIP")) {
                spec.set("clusterIP", old.get("clusterIP"));
            }
            if (!Fields.nonEmpty(spec, "clusterIPs") && Fields.nonEmpty(old, "clusterIPs")) {
                spec.set("clusterIPs", old.get("clusterIPs").deepCopy());
            }
        }
        if (needsNodePort(old) && needsNodePort(spec)) {
            for (JsonNode port : Fields.list(spec, "ports")) {
                if (Fields.number(port, "nodePort", 0) != 0 || !port.isObject()) {
                    continue;
                }
                for (JsonNode oldPort : Fields.list(old, "ports")) {
                    if (Fields.number(oldPort, "port", 0) == Fields.number(port, "port", 0)
                            && protocol(oldPort).equals(protocol(port)) && Fields.has(oldPort, "nodePort")) {
                        ((ObjectNode) port).set("nodePort", oldPort.get("nodePort"));
                        break;
                    }
                }
            }
        }
        if (needsHealthCheck(old) && needsHealthCheck(spec) && Fields.number(spec, "healthCheckNodePort", 0) == 0
                && Fields.has(old, "healthCheckNodePort")) {
            spec.set("healthCheckNodePort", old.get("healthCheckNodePort"));
        }
    }

    /** {@code NormalizeClusterIPs} for an update: keep clusterIPs in step with a client that only set clusterIP. */
    private static void normalizeClusterIPs(ObjectNode spec, JsonNode old) {
        String oldIp = Fields.text(old, "clusterIP");
        String newIp = Fields.text(spec, "clusterIP");
        if (Fields.nonEmpty(old, "clusterIPs") && !Fields.nonEmpty(spec, "clusterIPs") && oldIp.equals(newIp)) {
            spec.set("clusterIPs", old.get("clusterIPs").deepCopy());
        }
        if (!oldIp.equals(newIp)) {
            boolean sameIps = Semantics.equal(old.get("clusterIPs"), spec.get("clusterIPs"));
            if (!oldIp.isEmpty() && newIp.isEmpty()) {
                if (sameIps) {
                    spec.remove("clusterIPs");
                }
            } else if (sameIps) {
                ArrayNode ips = JsonNodeFactory.instance.arrayNode().add(newIp);
                spec.set("clusterIPs", ips);
            }
        }
    }

    /** {@code dropTypeDependentFields}: what a type change makes obsolete, if the client left it as it was. */
    private static void dropTypeDependentFields(ObjectNode spec, JsonNode old) {
        if (needsClusterIp(old) && !needsClusterIp(spec)) {
            if (Semantics.equal(old.get("clusterIPs"), spec.get("clusterIPs"))) {
                spec.remove("clusterIP");
                spec.remove("clusterIPs");
            }
            if (Semantics.equal(old.get("ipFamilies"), spec.get("ipFamilies"))) {
                spec.remove("ipFamilies");
            }
            if (Semantics.equal(old.get("ipFamilyPolicy"), spec.get("ipFamilyPolicy"))) {
                spec.remove("ipFamilyPolicy");
            }
        }
        if (needsNodePort(old) && !needsNodePort(spec) && sameNodePorts(old, spec)) {
            for (JsonNode port : Fields.list(spec, "ports")) {
                if (port.isObject()) {
                    ((ObjectNode) port).remove("nodePort");
                }
            }
        }
        if (needsHealthCheck(old) && !needsHealthCheck(spec)
                && Fields.number(old, "healthCheckNodePort", 0) == Fields.number(spec, "healthCheckNodePort", 0)) {
            spec.remove("healthCheckNodePort");
        }
        if (type(old).equals("LoadBalancer") && !type(spec).equals("LoadBalancer")) {
            if (Fields.has(spec, "allocateLoadBalancerNodePorts") && Fields.has(old, "allocateLoadBalancerNodePorts")
                    && old.get("allocateLoadBalancerNodePorts").equals(spec.get("allocateLoadBalancerNodePorts"))) {
                spec.remove("allocateLoadBalancerNodePorts");
            }
            if (Semantics.equal(old.get("loadBalancerClass"), spec.get("loadBalancerClass"))) {
                spec.remove("loadBalancerClass");
            }
        }
        if (externallyAccessible(old) && !externallyAccessible(spec)
                && Fields.text(old, "externalTrafficPolicy").equals(Fields.text(spec, "externalTrafficPolicy"))) {
            spec.remove("externalTrafficPolicy");
        }
    }

    private static boolean sameNodePorts(JsonNode old, JsonNode spec) {
        List<JsonNode> a = Fields.list(old, "ports");
        List<JsonNode> b = Fields.list(spec, "ports");
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (Fields.number(a.get(i), "nodePort", 0) != Fields.number(b.get(i), "nodePort", 0)) {
                return false;
            }
        }
        return true;
    }
}
