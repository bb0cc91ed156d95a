package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Defaults of one container (regular, init or ephemeral): its pull policy, termination message, ports,
 * field references in its environment, resources, probes and lifecycle hooks.
 */
final class ContainerDefaults {

    static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
    static final String TERMINATION_MESSAGE_READ_FILE = "File";
    static final String PROTOCOL_TCP = "TCP";

    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HOOKS = List.of("postStart", "preStop");

    private ContainerDefaults() {
    }

    static void apply(ObjectNode container) {
        if (Fields.isEmptyString(container.get("imagePullPolicy"))) {
            container.put("imagePullPolicy", ImagePullPolicy.forImage(Fields.text(container, "image")));
        }
        Fields.defaultString(container, "terminationMessagePath", TERMINATION_MESSAGE_PATH);
        Fields.defaultString(container, "terminationMessagePolicy", TERMINATION_MESSAGE_READ_FILE);
        for (ObjectNode port : Fields.objects(container, "ports")) {
            Fields.defaultString(port, "protocol", PROTOCOL_TCP);
        }
        for (ObjectNode env : Fields.objects(container, "env")) {
            if (Fields.object(env, "valueFrom") instanceof ObjectNode valueFrom) {
                fieldRef(valueFrom);
            }
        }
        Quantities.requirements(container, "resources");
        for (String name : PROBES) {
            if (Fields.object(container, name) instanceof ObjectNode probe) {
                probe(probe);
            }
        }
        if (Fields.object(container, "lifecycle") instanceof ObjectNode lifecycle) {
            for (String name : HOOKS) {
                if (Fields.object(lifecycle, name) instanceof ObjectNode hook) {
                    httpGet(hook);
                }
            }
        }
    }

    /** A field reference ({@code fieldRef}) under {@code parent} reads from API version v1 unless told. */
    static void fieldRef(ObjectNode parent) {
        if (Fields.object(parent, "fieldRef") instanceof ObjectNode fieldRef) {
            Fields.defaultString(fieldRef, "apiVersion", "v1");
        }
    }

    private static void probe(ObjectNode probe) {
        Fields.defaultNumber(probe, "timeoutSeconds", 1);
        Fields.defaultNumber(probe, "periodSeconds", 10);
        Fields.defaultNumber(probe, "successThreshold", 1);
        Fields.defaultNumber(probe, "failureThreshold", 3);
        httpGet(probe);
        if (Fields.object(probe, "grpc") instanceof ObjectNode grpc) {
            // A pointer with a declared default of "", so it shows as service: "".
            Fields.defaultStringPointer(grpc, "service", "");
        }
    }

    private static void httpGet(ObjectNode handler) {
        if (Fields.object(handler, "httpGet") instanceof ObjectNode httpGet) {
            Fields.defaultString(httpGet, "path", "/");
            Fields.defaultString(httpGet, "scheme", "HTTP");
        }
    }

    /** Kubernetes' host-network rule for pods: a port without a host port gets its container port. */
    static void hostPortsFromContainerPorts(ObjectNode container) {
        for (ObjectNode port : Fields.objects(container, "ports")) {
            JsonNode containerPort = port.get("containerPort");
            if (Fields.isZeroNumber(port.get("hostPort")) && containerPort != null && containerPort.isIntegralNumber()) {
                port.set("hostPort", containerPort.deepCopy());
            }
        }
    }
}
