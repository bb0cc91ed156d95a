package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of a Service's spec: type {@code ClusterIP}, session affinity {@code None}, each port's protocol
 * {@code TCP} and target port equal to its port, and the traffic policies.
 *
 * <p>Not here: {@code clusterIP}, {@code clusterIPs}, {@code ipFamilies} ({@code [IPv4]}) and
 * {@code ipFamilyPolicy} ({@code SingleStack}) come from the registry's IP allocation, and node ports from
 * its port allocation.
 */
final class ServiceDefaults {

    static final String CLUSTER_IP = "ClusterIP";
    static final String NODE_PORT = "NodePort";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String AFFINITY_NONE = "None";
    static final String AFFINITY_CLIENT_IP = "ClientIP";
    /** Three hours, Kubernetes' default stickiness for {@code ClientIP} affinity. */
    static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;
    static final String TRAFFIC_POLICY_CLUSTER = "Cluster";

    private ServiceDefaults() {
    }

    static void apply(ObjectNode service) {
        ObjectNode spec = Fields.objectOrNew(service, "spec");
        if (spec == null) {
            return;
        }
        sessionAffinity(spec);
        Fields.defaultString(spec, "type", CLUSTER_IP);
        String type = Fields.text(spec, "type");
        for (ObjectNode port : Fields.objects(spec, "ports")) {
            Fields.defaultString(port, "protocol", ContainerDefaults.PROTOCOL_TCP);
            targetPort(port);
        }
        if (externallyAccessible(spec, type)) {
            Fields.defaultString(spec, "externalTrafficPolicy", TRAFFIC_POLICY_CLUSTER);
        }
        if (type.equals(CLUSTER_IP) || type.equals(NODE_PORT) || type.equals(LOAD_BALANCER)) {
            Fields.defaultStringPointer(spec, "internalTrafficPolicy", TRAFFIC_POLICY_CLUSTER);
        }
        if (type.equals(LOAD_BALANCER)) {
            Fields.defaultBooleanPointer(spec, "allocateLoadBalancerNodePorts", true);
            loadBalancerIpModes(service);
        }
    }

    private static void sessionAffinity(ObjectNode spec) {
        Fields.defaultString(spec, "sessionAffinity", AFFINITY_NONE);
        String affinity = Fields.text(spec, "sessionAffinity");
        if (affinity.equals(AFFINITY_NONE)) {
            // Kubernetes drops a config that has nothing to configure.
            spec.remove("sessionAffinityConfig");
        } else if (affinity.equals(AFFINITY_CLIENT_IP)) {
            JsonNode timeout = spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds");
            if (timeout.isMissingNode() || timeout.isNull()) {
                spec.putObject("sessionAffinityConfig").putObject("clientIP")
                        .put("timeoutSeconds", CLIENT_IP_TIMEOUT_SECONDS);
            }
        }
    }

    /** A port without a target port ({@code 0} and {@code ""} count as none) sends traffic to its own number. */
    private static void targetPort(ObjectNode port) {
        JsonNode target = port.get("targetPort");
        boolean none = Fields.isUnset(target)
                || (target.isNumber() && target.asInt() == 0)
                || (target.isTextual() && target.asText().isEmpty());
        if (none) {
            JsonNode number = port.get("port");
            port.put("targetPort", number != null && number.isIntegralNumber() ? number.asInt() : 0);
        }
    }

    /** Kubernetes' {@code ExternallyAccessible}: reachable from outside through nodes or external IPs. */
    private static boolean externallyAccessible(ObjectNode spec, String type) {
        return type.equals(LOAD_BALANCER) || type.equals(NODE_PORT)
                || (type.equals(CLUSTER_IP) && !Fields.isEmptyCollection(spec.get("externalIPs")));
    }

    /** A load balancer address that does not say how it forwards traffic is a virtual IP. */
    private static void loadBalancerIpModes(ObjectNode service) {
        ObjectNode status = Fields.object(service, "status");
        ObjectNode loadBalancer = status == null ? null : Fields.object(status, "loadBalancer");
        if (loadBalancer == null) {
            return;
        }
        for (ObjectNode ingress : Fields.objects(loadBalancer, "ingress")) {
            if (!Fields.text(ingress, "ip").isEmpty()) {
                Fields.defaultStringPointer(ingress, "ipMode", "VIP");
            }
        }
    }
}
