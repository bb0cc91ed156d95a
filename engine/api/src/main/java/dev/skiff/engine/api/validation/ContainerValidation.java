package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers and init containers: names unique DNS labels, an image, ports, environment, mounts of existing
 * volumes, pull policy, resources, probes and hooks, in the order kube-apiserver reports them.
 */
final class ContainerValidation {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

    private ContainerValidation() {
    }

    /** {@code validateContainers}: the regular containers of a pod spec. */
    static List<FieldError> containers(List<JsonNode> containers, Map<String, JsonNode> volumes, long gracePeriod,
                                       FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (containers.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            JsonNode ctr = containers.get(i);
            FieldPath at = path.index(i);
            errs.addAll(common(ctr, volumes, at));
            String name = Fields.text(ctr, "name");
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(at.child("name"), name));
            }
            if (Fields.has(ctr, "lifecycle")) {
                errs.addAll(ProbeValidation.lifecycle(ctr.get("lifecycle"), gracePeriod, at.child("lifecycle")));
            }
            errs.addAll(ProbeValidation.liveness(ctr.get("livenessProbe"), gracePeriod, at.child("livenessProbe")));
            errs.addAll(ProbeValidation.readiness(ctr.get("readinessProbe"), gracePeriod, at.child("readinessProbe")));
            errs.addAll(ProbeValidation.startup(ctr.get("startupProbe"), gracePeriod, at.child("startupProbe")));
            if (Fields.has(ctr, "restartPolicy")) {
                errs.add(FieldError.forbidden(at.child("restartPolicy"), "may not be set for non-init containers"));
            }
        }
        errs.addAll(hostPortConflicts(containers, path));
        return errs;
    }

    /** {@code validateInitContainers}; only restartable (sidecar) init containers may have probes and hooks. */
    static List<FieldError> initContainers(List<JsonNode> inits, List<JsonNode> regular, Map<String, JsonNode> volumes,
                                           long gracePeriod, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : regular) {
            names.add(Fields.text(c, "name"));
        }
        for (int i = 0; i < inits.size(); i++) {
            JsonNode ctr = inits.get(i);
            FieldPath at = path.index(i);
            errs.addAll(common(ctr, volumes, at));
            boolean restartAlways = false;
            if (Fields.has(ctr, "restartPolicy")) {
                String policy = Fields.text(ctr, "restartPolicy");
                if (!policy.equals("Always")) {
                    errs.add(FieldError.notSupported(at.child("restartPolicy"), policy, List.of("Always")));
                }
                restartAlways = policy.equals("Always");
            }
            String name = Fields.text(ctr, "name");
            if (names.contains(name)) {
                errs.add(FieldError.duplicate(at.child("name"), name));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
            errs.addAll(hostPortConflicts(List.of(ctr), path));
            if (restartAlways) {
                if (Fields.has(ctr, "lifecycle")) {
                    errs.addAll(ProbeValidation.lifecycle(ctr.get("lifecycle"), gracePeriod, at.child("lifecycle")));
                }
                errs.addAll(ProbeValidation.liveness(ctr.get("livenessProbe"), gracePeriod, at.child("livenessProbe")));
                errs.addAll(ProbeValidation.readiness(ctr.get("readinessProbe"), gracePeriod,
                        at.child("readinessProbe")));
                errs.addAll(ProbeValidation.startup(ctr.get("startupProbe"), gracePeriod, at.child("startupProbe")));
            } else {
                for (String field : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
                    if (Fields.has(ctr, field)) {
                        errs.add(FieldError.forbidden(at.child(field),
                                "may not be set for init containers without restartPolicy=Always"));
                    }
                }
            }
        }
        return errs;
    }

    /** {@code validateContainerCommon}. */
    private static List<FieldError> common(JsonNode ctr, Map<String, JsonNode> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.text(ctr, "name");
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        if (Fields.text(ctr, "image").isEmpty()) {
            errs.add(FieldError.required(path.child("image"), ""));
        }
        // Defaulted to File; an absent policy is read as that default.
        String tmp = Fields.text(ctr, "terminationMessagePolicy");
        if (!tmp.isEmpty() && !tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
            errs.add(FieldError.notSupported(path.child("terminationMessagePolicy"), tmp,
                    List.of("File", "FallbackToLogsOnError")));
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode m : Fields.list(ctr, "volumeMounts")) {
            mounts.put(Fields.text(m, "name"), Fields.text(m, "mountPath"));
        }
        Map<String, String> devices = new LinkedHashMap<>();
        for (JsonNode d : Fields.list(ctr, "volumeDevices")) {
            devices.put(Fields.text(d, "name"), Fields.text(d, "devicePath"));
        }
        errs.addAll(ports(Fields.list(ctr, "ports"), path.child("ports")));
        errs.addAll(EnvironmentValidation.env(Fields.list(ctr, "env"), path.child("env")));
        errs.addAll(EnvironmentValidation.envFrom(Fields.list(ctr, "envFrom"), path.child("envFrom")));
        errs.addAll(volumeMounts(ctr, devices, volumes, path.child("volumeMounts")));
        errs.addAll(volumeDevices(Fields.list(ctr, "volumeDevices"), mounts, volumes, path.child("volumeDevices")));
        String pull = Fields.text(ctr, "imagePullPolicy");
        if (!pull.isEmpty() && !PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(path.child("imagePullPolicy"), pull, PULL_POLICIES));
        }
        errs.addAll(ResourceRequirementsValidation.validate(Fields.object(ctr, "resources"), path.child("resources")));
        errs.addAll(SecurityContextValidation.container(Fields.object(ctr, "securityContext"),
                path.child("securityContext")));
        return errs;
    }

    /** {@code validateContainerPorts}. */
    private static List<FieldError> ports(List<JsonNode> ports, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            FieldPath at = path.index(i);
            String name = Fields.text(port, "name");
            if (!name.isEmpty()) {
                List<String> msgs = Formats.portName(name);
                if (!msgs.isEmpty()) {
                    for (String msg : msgs) {
                        errs.add(FieldError.invalid(at.child("name"), name, msg));
                    }
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(at.child("name"), name));
                }
            }
            long containerPort = Fields.number(port, "containerPort", 0);
            if (containerPort == 0) {
                errs.add(FieldError.required(at.child("containerPort"), ""));
            } else {
                for (String msg : Formats.portNumber(containerPort)) {
                    errs.add(FieldError.invalid(at.child("containerPort"), containerPort, msg));
                }
            }
            long hostPort = Fields.number(port, "hostPort", 0);
            if (hostPort != 0) {
                for (String msg : Formats.portNumber(hostPort)) {
                    errs.add(FieldError.invalid(at.child("hostPort"), hostPort, msg));
                }
            }
            String protocol = Fields.text(port, "protocol");
            if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(at.child("protocol"), protocol, PROTOCOLS));
            }
        }
        return errs;
    }

    /** {@code AccumulateUniqueHostPorts}: a host port may be used once per protocol and host IP. */
    private static List<FieldError> hostPortConflicts(List<JsonNode> containers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<JsonNode> ports = Fields.list(containers.get(ci), "ports");
            for (int pi = 0; pi < ports.size(); pi++) {
                JsonNode port = ports.get(pi);
                long hostPort = Fields.number(port, "hostPort", 0);
                if (hostPort == 0) {
                    continue;
                }
                String protocol = Fields.text(port, "protocol").isEmpty() ? "TCP" : Fields.text(port, "protocol");
                String key = protocol + "/" + Fields.text(port, "hostIP") + "/" + hostPort;
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
                }
            }
        }
        return errs;
    }

    /** {@code ValidateVolumeMounts}: every mount names a valid volume, mount paths are unique. */
    private static List<FieldError> volumeMounts(JsonNode ctr, Map<String, String> devices,
                                                 Map<String, JsonNode> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> mountPoints = new HashSet<>();
        List<JsonNode> mounts = Fields.list(ctr, "volumeMounts");
        boolean privileged = Fields.flag(Fields.object(ctr, "securityContext"), "privileged");
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode mnt = mounts.get(i);
            FieldPath at = path.index(i);
            String name = Fields.text(mnt, "name");
            String mountPath = Fields.text(mnt, "mountPath");
            if (name.isEmpty()) {
                errs.add(FieldError.required(at.child("name"), ""));
            }
            if (!volumes.containsKey(name)) {
                errs.add(FieldError.notFound(at.child("name"), name));
            }
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(at.child("mountPath"), ""));
            }
            if (!mountPoints.add(mountPath)) {
                errs.add(FieldError.invalid(at.child("mountPath"), mountPath, "must be unique"));
            }
            if (devices.containsKey(name)) {
                errs.add(FieldError.invalid(at.child("name"), name, "must not already exist in volumeDevices"));
            }
            if (devices.containsValue(mountPath)) {
                errs.add(FieldError.invalid(at.child("mountPath"), mountPath,
                        "must not already exist as a path in volumeDevices"));
            }
            String subPath = Fields.text(mnt, "subPath");
            String subPathExpr = Fields.text(mnt, "subPathExpr");
            if (!subPath.isEmpty()) {
                // Kubernetes names the list, not the element, in this path.
                errs.addAll(VolumeValidation.localDescendingPath(subPath, path.child("subPath")));
            }
            if (!subPathExpr.isEmpty()) {
                if (!subPath.isEmpty()) {
                    errs.add(FieldError.invalid(at.child("subPathExpr"), subPathExpr,
                            "subPathExpr and subPath are mutually exclusive"));
                }
                errs.addAll(VolumeValidation.localDescendingPath(subPathExpr, path.child("subPathExpr")));
            }
            if (Fields.has(mnt, "mountPropagation")) {
                String propagation = Fields.text(mnt, "mountPropagation");
                List<String> supported = List.of("Bidirectional", "HostToContainer", "None");
                if (!supported.contains(propagation)) {
                    errs.add(FieldError.notSupported(path.child("mountPropagation"), propagation, supported));
                }
                if (propagation.equals("Bidirectional") && !privileged) {
                    errs.add(FieldError.forbidden(path.child("mountPropagation"),
                            "Bidirectional mount propagation is available only to privileged containers"));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> volumeDevices(List<JsonNode> devices, Map<String, String> mounts,
                                                  Map<String, JsonNode> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            JsonNode dev = devices.get(i);
            FieldPath at = path.index(i);
            String name = Fields.text(dev, "name");
            String devicePath = Fields.text(dev, "devicePath");
            JsonNode vol = volumes.get(name);
            if (name.isEmpty()) {
                errs.add(FieldError.required(at.child("name"), ""));
            }
            if (names.contains(name)) {
                errs.add(FieldError.invalid(at.child("name"), name, "must be unique"));
            }
            if (vol != null && !Fields.has(vol, "persistentVolumeClaim") && !Fields.has(vol, "ephemeral")) {
                errs.add(FieldError.invalid(at.child("name"), name,
                        "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
            }
            if (vol == null) {
                errs.add(FieldError.notFound(at.child("name"), name));
            }
            if (devicePath.isEmpty()) {
                errs.add(FieldError.required(at.child("devicePath"), ""));
            }
            if (paths.contains(devicePath)) {
                errs.add(FieldError.invalid(at.child("devicePath"), devicePath, "must be unique"));
            }
            paths.add(devicePath);
            if (mounts.containsKey(name)) {
                errs.add(FieldError.invalid(at.child("name"), name, "must not already exist in volumeMounts"));
            }
            if (mounts.containsValue(devicePath)) {
                errs.add(FieldError.invalid(at.child("devicePath"), devicePath,
                        "must not already exist as a path in volumeMounts"));
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return errs;
    }

}
