package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ValidatePodSpec}: the spec shared by Pods and every pod template. Fields Kubernetes defaults
 * (restartPolicy, dnsPolicy, terminationGracePeriodSeconds, protocols, pull policy...) are read as their default
 * when absent, so an object that skipped defaulting is not reported for them.
 */
final class PodSpecValidation {

    static final long DEFAULT_GRACE_PERIOD = 30;
    private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

    private PodSpecValidation() {
    }

    /**
     * @param isPod whether the spec is a Pod's own (some rules, such as host ports under hostNetwork, are
     *              stricter there than in templates)
     */
    static List<FieldError> validate(JsonNode spec, FieldPath path, boolean isPod) {
        List<FieldError> errs = new ArrayList<>();
        long gracePeriod = Fields.number(spec, "terminationGracePeriodSeconds", DEFAULT_GRACE_PERIOD);

        VolumeValidation.Result volumes = VolumeValidation.validate(Fields.list(spec, "volumes"), path.child("volumes"));
        errs.addAll(volumes.errors());
        List<JsonNode> containers = Fields.list(spec, "containers");
        errs.addAll(ContainerValidation.containers(containers, volumes.volumes(), gracePeriod, path.child("containers")));
        errs.addAll(ContainerValidation.initContainers(Fields.list(spec, "initContainers"), containers,
                volumes.volumes(), gracePeriod, path.child("initContainers")));
        errs.addAll(hostNetworkPorts(spec, path, isPod));

        String restartPolicy = Fields.text(spec, "restartPolicy");
        if (!restartPolicy.isEmpty() && !RESTART_POLICIES.contains(restartPolicy)) {
            errs.add(FieldError.notSupported(path.child("restartPolicy"), restartPolicy, RESTART_POLICIES));
        }
        String dnsPolicy = Fields.text(spec, "dnsPolicy");
        if (!dnsPolicy.isEmpty() && !DNS_POLICIES.contains(dnsPolicy)) {
            errs.add(FieldError.notSupported(path.child("dnsPolicy"), dnsPolicy, DNS_POLICIES));
        }
        errs.addAll(LabelSelectors.validateLabels(spec.get("nodeSelector"), path.child("nodeSelector")));
        errs.addAll(SecurityContextValidation.pod(Fields.object(spec, "securityContext"), path.child("securityContext")));
        errs.addAll(SchedulingValidation.affinity(Fields.object(spec, "affinity"), path.child("affinity")));
        errs.addAll(dnsConfig(spec, dnsPolicy, path.child("dnsConfig")));
        List<JsonNode> gates = Fields.list(spec, "readinessGates");
        for (int i = 0; i < gates.size(); i++) {
            errs.addAll(qualifiedName(Fields.text(gates.get(i), "conditionType"),
                    path.child("readinessGates").index(i).child("conditionType")));
        }
        errs.addAll(SchedulingValidation.schedulingGates(Fields.list(spec, "schedulingGates"), path.child("schedulingGates")));
        errs.addAll(SchedulingValidation.topologySpread(Fields.list(spec, "topologySpreadConstraints"),
                path.child("topologySpreadConstraints")));
        subdomain(spec, "serviceAccountName", path, errs);
        subdomain(spec, "nodeName", path, errs);
        if (Fields.has(spec, "activeDeadlineSeconds")) {
            long value = Fields.number(spec, "activeDeadlineSeconds", 0);
            if (value < 1 || value > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(path.child("activeDeadlineSeconds"), value,
                        Formats.inclusiveRangeError(1, Integer.MAX_VALUE)));
            }
        }
        label(spec, "hostname", path, errs);
        label(spec, "subdomain", path, errs);
        errs.addAll(SchedulingValidation.tolerations(Fields.list(spec, "tolerations"), path.child("tolerations")));
        errs.addAll(hostAliases(Fields.list(spec, "hostAliases"), path.child("hostAliases")));
        subdomain(spec, "priorityClassName", path, errs);
        if (Fields.has(spec, "runtimeClassName")) {
            String name = Fields.text(spec, "runtimeClassName");
            for (String msg : Formats.dns1123Subdomain(name)) {
                errs.add(FieldError.invalid(path.child("runtimeClassName"), name, msg));
            }
        }
        if (Fields.has(spec, "preemptionPolicy")) {
            String policy = Fields.text(spec, "preemptionPolicy");
            List<String> supported = List.of("PreemptLowerPriority", "Never");
            if (policy.isEmpty()) {
                errs.add(FieldError.required(path.child("preemptionPolicy"), ""));
            } else if (!supported.contains(policy)) {
                errs.add(FieldError.notSupported(path.child("preemptionPolicy"), policy, supported));
            }
        }
        if (Fields.has(spec, "os")) {
            String os = Fields.text(spec.get("os"), "name");
            if (os.isEmpty()) {
                errs.add(FieldError.required(path.child("os").child("name"), "cannot be empty"));
            } else if (!os.equals("linux") && !os.equals("windows")) {
                errs.add(FieldError.notSupported(path.child("os"), os, List.of("linux", "windows")));
            }
        }
        return errs;
    }

    /** {@code validatePodHostNetworkDeps}: with hostNetwork, host ports equal container ports. */
    private static List<FieldError> hostNetworkPorts(JsonNode spec, FieldPath path, boolean isPod) {
        List<FieldError> errs = new ArrayList<>();
        if (!Fields.flag(spec, "hostNetwork")) {
            return errs;
        }
        List<JsonNode> containers = Fields.list(spec, "containers");
        for (int i = 0; i < containers.size(); i++) {
            List<JsonNode> ports = Fields.list(containers.get(i), "ports");
            for (int j = 0; j < ports.size(); j++) {
                JsonNode port = ports.get(j);
                long containerPort = Fields.number(port, "containerPort", 0);
                // A Pod's host port is defaulted to its container port under hostNetwork.
                long hostPort = Fields.number(port, "hostPort", isPod ? containerPort : 0);
                if ((isPod || hostPort != 0) && hostPort != containerPort) {
                    errs.add(FieldError.invalid(path.child("containers").index(i).child("ports").index(j)
                            .child("hostPort"), hostPort, "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> dnsConfig(JsonNode spec, String dnsPolicy, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        boolean has = Fields.has(spec, "dnsConfig");
        JsonNode config = Fields.object(spec, "dnsConfig");
        if (dnsPolicy.equals("None")) {
            if (!has) {
                errs.add(FieldError.required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
                return errs;
            }
            if (!Fields.nonEmpty(config, "nameservers")) {
                errs.add(FieldError.required(path.child("nameservers"),
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"));
                return errs;
            }
        }
        if (!has) {
            return errs;
        }
        List<String> nameservers = Fields.strings(config, "nameservers");
        if (nameservers.size() > 3) {
            errs.add(FieldError.invalid(path.child("nameservers"), GoValue.stringSlice(nameservers),
                    "must not have more than 3 nameservers"));
        }
        for (int i = 0; i < nameservers.size(); i++) {
            errs.addAll(IpValidation.validIp(nameservers.get(i), path.child("nameservers").index(i)));
        }
        List<String> searches = Fields.strings(config, "searches");
        if (searches.size() > 32) {
            errs.add(FieldError.invalid(path.child("searches"), GoValue.stringSlice(searches),
                    "must not have more than 32 search paths"));
        }
        if (String.join(" ", searches).length() > 2048) {
            errs.add(FieldError.invalid(path.child("searches"), GoValue.stringSlice(searches),
                    "must not have more than 2048 characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String search = searches.get(i).endsWith(".")
                    ? searches.get(i).substring(0, searches.get(i).length() - 1) : searches.get(i);
            for (String msg : Formats.dns1123Subdomain(search)) {
                errs.add(FieldError.invalid(path.child("searches").index(i), search, msg));
            }
        }
        List<JsonNode> options = Fields.list(config, "options");
        for (int i = 0; i < options.size(); i++) {
            if (Fields.text(options.get(i), "name").isEmpty()) {
                errs.add(FieldError.required(path.child("options").index(i), "must not be empty"));
            }
        }
        return errs;
    }

    private static List<FieldError> hostAliases(List<JsonNode> aliases, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            JsonNode alias = aliases.get(i);
            errs.addAll(IpValidation.validIp(Fields.text(alias, "ip"), path.index(i).child("ip")));
            List<String> hostnames = Fields.strings(alias, "hostnames");
            for (int j = 0; j < hostnames.size(); j++) {
                for (String msg : Formats.dns1123Subdomain(hostnames.get(j))) {
                    errs.add(FieldError.invalid(path.index(i).child("hostnames").index(j), hostnames.get(j), msg));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> qualifiedName(String value, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(value)) {
            errs.add(FieldError.invalid(path, value, msg));
        }
        return errs;
    }

    private static void subdomain(JsonNode spec, String name, FieldPath path, List<FieldError> errs) {
        String value = Fields.text(spec, name);
        if (!value.isEmpty()) {
            for (String msg : Formats.dns1123Subdomain(value)) {
                errs.add(FieldError.invalid(path.child(name), value, msg));
            }
        }
    }

    private static void label(JsonNode spec, String name, FieldPath path, List<FieldError> errs) {
        String value = Fields.text(spec, name);
        if (!value.isEmpty()) {
            for (String msg : Formats.dns1123Label(value)) {
                errs.add(FieldError.invalid(path.child(name), value, msg));
            }
        }
    }

    /** Annotation keys of a pod template ({@code ValidateAnnotations}), reported at the map's path. */
    static List<FieldError> annotations(JsonNode annotations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (annotations == null || !annotations.isObject()) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, JsonNode> e : annotations.properties()) {
            for (String msg : Formats.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                errs.add(FieldError.invalid(path, e.getKey(), msg));
            }
            total += e.getKey().length() + e.getValue().asText().length();
        }
        if (total > 256 * 1024) {
            errs.add(FieldError.tooLong(path, 256 * 1024));
        }
        return errs;
    }
}
