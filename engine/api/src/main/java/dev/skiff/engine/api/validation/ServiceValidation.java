package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services ({@code ValidateService}, {@code ValidateServiceUpdate}). On update the spec is first read as
 * kube-apiserver's service registry would have prepared it: values the client left out but the server allocated
 * (clusterIP, clusterIPs, node ports) are taken from the old object, {@code clusterIPs} follows a changed
 * {@code clusterIP}, and fields that no longer apply to a changed type are dropped if the client did not touch
 * them. Then a primary cluster IP may not change ({@code may not change once set}).
 */
final class ServiceValidation {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final int MAX_AFFINITY_SECONDS = 86400;
    /** kube-apiserver's default --service-node-port-range. */
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;

    private ServiceValidation() {
    }

    static List<FieldError> create(ObjectNode service) {
        ObjectNode spec = specCopy(service);
        if (!Fields.text(spec, "clusterIP").isEmpty() && !Fields.nonEmpty(spec, "clusterIPs")) {
            spec.set("clusterIPs", JsonNodeFactory.instance.arrayNode().add(Fields.text(spec, "clusterIP")));
        }
        return validate(spec);
    }

    static List<FieldError> update(ObjectNode service, ObjectNode old) {
        ObjectNode spec = specCopy(service);
        ObjectNode before = specCopy(old);
        if (!Fields.text(before, "clusterIP").isEmpty() && !Fields.nonEmpty(before, "clusterIPs")) {
            before.set("clusterIPs", JsonNodeFactory.instance.arrayNode().add(Fields.text(before, "clusterIP")));
        }
        ServiceUpdateView.prepare(spec, before);

        List<FieldError> errs = new ArrayList<>();
        errs.addAll(ClusterIpValidation.upgradeDowngradeClusterIPs(before, spec));
        errs.addAll(ClusterIpValidation.upgradeDowngradeIpFamilies(before, spec));
        if (type(before).equals("LoadBalancer") && type(spec).equals("LoadBalancer")
                && !Semantics.equal(before.get("loadBalancerClass"), spec.get("loadBalancerClass"))) {
            errs.add(FieldError.invalid(FieldPath.root("spec").child("loadBalancerClass"),
                    pointerText(spec, "loadBalancerClass"), "may not change once set"));
        }
        if (needsHealthCheck(before) && needsHealthCheck(spec)
                && Fields.number(before, "healthCheckNodePort", 0) != Fields.number(spec, "healthCheckNodePort", 0)) {
            errs.add(FieldError.forbidden(FieldPath.root("spec").child("healthCheckNodePort"), "field is immutable"));
        }
        errs.addAll(validate(spec));
        return errs;
    }

    private static List<FieldError> validate(ObjectNode spec) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath specPath = FieldPath.root("spec");
        String type = type(spec);
        boolean headless = headless(spec);
        List<JsonNode> ports = Fields.list(spec, "ports");
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required(specPath.child("ports"), ""));
        }
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                if (headless) {
                    errs.add(FieldError.invalid(specPath.child("clusterIPs").index(0), "None",
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> {
                if (Fields.nonEmpty(spec, "clusterIPs")) {
                    errs.add(FieldError.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services"));
                }
                if (Fields.nonEmpty(spec, "ipFamilies")) {
                    errs.add(FieldError.forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services"));
                }
                if (Fields.has(spec, "ipFamilyPolicy")) {
                    errs.add(FieldError.forbidden(specPath.child("ipFamilyPolicy"),
                            "may not be set for ExternalName services"));
                }
                String cname = Fields.text(spec, "externalName");
                if (cname.endsWith(".")) {
                    cname = cname.substring(0, cname.length() - 1);
                }
                if (!cname.isEmpty()) {
                    for (String msg : Formats.dns1123Subdomain(cname)) {
                        errs.add(FieldError.invalid(specPath.child("externalName"), cname, msg));
                    }
                } else {
                    errs.add(FieldError.required(specPath.child("externalName"), ""));
                }
            }
            default -> {
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(servicePort(ports.get(i), ports.size() > 1, names, specPath.child("ports").index(i)));
        }
        errs.addAll(LabelSelectors.validateLabels(spec.get("selector"), specPath.child("selector")));
        errs.addAll(sessionAffinity(spec, specPath));
        errs.addAll(ClusterIpValidation.clusterIpsRelatedFields(spec, specPath));
        List<String> externalIps = Fields.strings(spec, "externalIPs");
        for (int i = 0; i < externalIps.size(); i++) {
            FieldPath at = specPath.child("externalIPs").index(i);
            List<FieldError> ipErrs = IpValidation.validIp(externalIps.get(i), at);
            errs.addAll(ipErrs.isEmpty() ? IpValidation.nonSpecialIp(externalIps.get(i), at, false) : ipErrs);
        }
        if (Fields.has(spec, "type") && !TYPES.contains(type)) {
            errs.add(FieldError.notSupported(specPath.child("type"), type, TYPES));
        }
        if (type.equals("ClusterIP")) {
            for (int i = 0; i < ports.size(); i++) {
                if (Fields.number(ports.get(i), "nodePort", 0) != 0) {
                    errs.add(FieldError.forbidden(specPath.child("ports").index(i).child("nodePort"),
                            "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            long nodePort = Fields.number(ports.get(i), "nodePort", 0);
            if (nodePort != 0 && !nodePorts.add(protocol(ports.get(i)) + "/" + nodePort)) {
                errs.add(FieldError.duplicate(specPath.child("ports").index(i).child("nodePort"), GoValue.of(nodePort)));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            long port = Fields.number(ports.get(i), "port", 0);
            String protocol = protocol(ports.get(i));
            if (!seen.add(protocol + "/" + port)) {
                errs.add(FieldError.duplicate(specPath.child("ports").index(i), GoValue.raw(
                        "core.ServicePort{Name:\"\", Protocol:" + GoQuote.quote(protocol)
                                + ", AppProtocol:(*string)(nil), Port:" + port
                                + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")));
            }
        }
        List<String> ranges = Fields.strings(spec, "loadBalancerSourceRanges");
        if (!ranges.isEmpty()) {
            FieldPath rangesPath = specPath.child("LoadBalancerSourceRanges");
            if (!type.equals("LoadBalancer")) {
                errs.add(FieldError.forbidden(rangesPath, "may only be used when `type` is 'LoadBalancer'"));
            }
            for (int i = 0; i < ranges.size(); i++) {
                String value = ranges.get(i).strip();
                if (IpAddress.parseCidr(value).isEmpty()) {
                    errs.add(FieldError.invalid(rangesPath.index(i), value,
                            "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
                }
            }
        }
        if (Fields.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
            errs.add(FieldError.forbidden(specPath.child("allocateLoadBalancerNodePorts"),
                    "may only be used when `type` is 'LoadBalancer'"));
        }
        if (Fields.has(spec, "loadBalancerClass")) {
            String lbClass = Fields.text(spec, "loadBalancerClass");
            if (type.equals("LoadBalancer")) {
                for (String msg : Formats.qualifiedName(lbClass)) {
                    errs.add(FieldError.invalid(specPath.child("loadBalancerClass"), lbClass, msg));
                }
            } else {
                errs.add(FieldError.forbidden(specPath.child("loadBalancerClass"),
                        "may only be used when `type` is 'LoadBalancer'"));
            }
        }
        errs.addAll(externalTrafficPolicy(spec, specPath));
        if (Fields.has(spec, "internalTrafficPolicy")
                && !TRAFFIC_POLICIES.contains(Fields.text(spec, "internalTrafficPolicy"))) {
            errs.add(FieldError.notSupported(specPath.child("internalTrafficPolicy"),
                    Fields.text(spec, "internalTrafficPolicy"), TRAFFIC_POLICIES));
        }
        if (Fields.has(spec, "trafficDistribution") && !Fields.text(spec, "trafficDistribution").equals("PreferClose")) {
            errs.add(FieldError.notSupported(specPath.child("trafficDistribution"),
                    Fields.text(spec, "trafficDistribution"), List.of("PreferClose")));
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            for (int i = 0; i < ports.size(); i++) {
                long nodePort = Fields.number(ports.get(i), "nodePort", 0);
                if (nodePort != 0 && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
                    // kube-apiserver's node port allocator says this, with its configured range.
                    errs.add(FieldError.invalid(specPath.child("ports").index(i).child("nodePort"), nodePort,
                            "provided port is not in the valid range. The range of valid ports is "
                                    + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> servicePort(JsonNode port, boolean requireName, Set<String> names, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.text(port, "name");
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        long number = Fields.number(port, "port", 0);
        for (String msg : Formats.portNumber(number)) {
            errs.add(FieldError.invalid(path.child("port"), number, msg));
        }
        String protocol = Fields.text(port, "protocol");
        if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, PROTOCOLS));
        }
        // An absent targetPort is defaulted to the port.
        if (Fields.has(port, "targetPort")) {
            errs.addAll(ProbeValidation.portNumOrName(port.get("targetPort"), path.child("targetPort")));
        }
        if (Fields.has(port, "appProtocol")) {
            String appProtocol = Fields.text(port, "appProtocol");
            for (String msg : Formats.qualifiedName(appProtocol)) {
                errs.add(FieldError.invalid(path.child("appProtocol"), appProtocol, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> sessionAffinity(JsonNode spec, FieldPath specPath) {
        List<FieldError> errs = new ArrayList<>();
        String affinity = Fields.text(spec, "sessionAffinity");
        if (!affinity.isEmpty() && !AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported(specPath.child("sessionAffinity"), affinity, AFFINITIES));
        }
        FieldPath configPath = specPath.child("sessionAffinityConfig");
        if (affinity.equals("ClientIP") && Fields.has(spec, "sessionAffinityConfig")) {
            JsonNode config = spec.get("sessionAffinityConfig");
            String when = "when session affinity type is ClientIP";
            if (!Fields.has(config, "clientIP")) {
                errs.add(FieldError.required(configPath.child("clientIP"), when));
            } else if (!Fields.has(config.get("clientIP"), "timeoutSeconds")) {
                errs.add(FieldError.required(configPath.child("clientIP").child("timeoutSeconds"), when));
            } else {
                long timeout = Fields.number(config.get("clientIP"), "timeoutSeconds", 0);
                if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) {
                    errs.add(FieldError.invalid(configPath.child("clientIP").child("timeoutSeconds"), timeout,
                            "must be greater than 0 and less than " + MAX_AFFINITY_SECONDS));
                }
            }
        } else if (affinity.equals("None") && Fields.has(spec, "sessionAffinityConfig")) {
            errs.add(FieldError.forbidden(configPath, "must not be set when session affinity is None"));
        }
        return errs;
    }

    private static List<FieldError> externalTrafficPolicy(JsonNode spec, FieldPath specPath) {
        List<FieldError> errs = new ArrayList<>();
        String policy = Fields.text(spec, "externalTrafficPolicy");
        if (!externallyAccessible(spec)) {
            if (!policy.isEmpty()) {
                errs.add(FieldError.invalid(specPath.child("externalTrafficPolicy"), policy,
                        "may only be set for externally-accessible services"));
            }
        } else if (!policy.isEmpty() && !TRAFFIC_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(specPath.child("externalTrafficPolicy"), policy, TRAFFIC_POLICIES));
        }
        long hcnp = Fields.number(spec, "healthCheckNodePort", 0);
        if (!needsHealthCheck(spec)) {
            if (hcnp != 0) {
                errs.add(FieldError.invalid(specPath.child("healthCheckNodePort"), hcnp,
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        } else if (hcnp != 0) {
            // 0 means "to be allocated": Kubernetes allocates before it validates.
            for (String msg : Formats.portNumber(hcnp)) {
                errs.add(FieldError.invalid(specPath.child("healthCheckNodePort"), hcnp, msg));
            }
        }
        return errs;
    }

    private static ObjectNode specCopy(ObjectNode service) {
        JsonNode spec = service.get("spec");
        return spec != null && spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** The type, read as ClusterIP when absent (its default). */
    static String type(JsonNode spec) {
        String type = Fields.text(spec, "type");
        return type.isEmpty() ? "ClusterIP" : type;
    }

    static String protocol(JsonNode port) {
        String protocol = Fields.text(port, "protocol");
        return protocol.isEmpty() ? "TCP" : protocol;
    }

    static boolean headless(JsonNode spec) {
        List<String> ips = Fields.strings(spec, "clusterIPs");
        return ips.size() == 1 && ips.get(0).equals("None");
    }

    static boolean needsClusterIp(JsonNode spec) {
        return !type(spec).equals("ExternalName");
    }

    static boolean needsNodePort(JsonNode spec) {
        String type = type(spec);
        return type.equals("NodePort") || (type.equals("LoadBalancer")
                && (!Fields.has(spec, "allocateLoadBalancerNodePorts") || Fields.flag(spec, "allocateLoadBalancerNodePorts")));
    }

    static boolean needsHealthCheck(JsonNode spec) {
        return type(spec).equals("LoadBalancer") && Fields.text(spec, "externalTrafficPolicy").equals("Local");
    }

    static boolean externallyAccessible(JsonNode spec) {
        String type = type(spec);
        return type.equals("LoadBalancer") || type.equals("NodePort")
                || (type.equals("ClusterIP") && Fields.nonEmpty(spec, "externalIPs"));
    }

    static GoValue pointerText(JsonNode spec, String field) {
        return Fields.has(spec, field) ? GoValue.of(Fields.text(spec, field)) : GoValue.raw("null");
    }

}
