package dev.skiff.engine.api.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which field labels each kind accepts in a field selector, and the values an object has for them.
 *
 * <p>Two facts of kube-apiserver 1.32 meet here. The labels a request may use are those of the kind's
 * field-label conversion function ({@code pkg/apis/core/v1/conversion.go}, {@code pkg/apis/batch/v1/conversion.go});
 * a kind without one accepts only {@code metadata.name} and {@code metadata.namespace}, with a different message.
 * The values come from the kind's {@code ToSelectableFields} ({@code pkg/registry/.../strategy.go}); a label that
 * is accepted but not among them reads as the empty string. So nodes and namespaces refuse
 * {@code metadata.namespace}, and apps/v1 ReplicaSets refuse {@code status.replicas} although their strategy lists it.
 */
final class FieldLabels {

    private static final String NAME = "metadata.name";
    private static final String NAMESPACE = "metadata.namespace";

    private final Set<String> accepted;
    private final Map<String, String> renamed;
    private final Function<String, String> refusal;
    private final Function<JsonNode, Map<String, String>> values;

    private FieldLabels(Set<String> accepted, Map<String, String> renamed, Function<String, String> refusal,
            Function<JsonNode, Map<String, String>> values) {
        this.accepted = accepted;
        this.renamed = renamed;
        this.refusal = refusal;
        this.values = values;
    }

    /** The field labels of a kind ({@code group} is empty or "core" for the core group). */
    static FieldLabels forKind(String group, String kind) {
        String g = group == null || group.equals("core") ? "" : group;
        return switch (g + "/" + kind) {
            case "/Pod" -> converted(Set.of(NAME, NAMESPACE, "spec.nodeName", "spec.restartPolicy",
                    "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
                    "status.podIP", "status.nominatedNodeName"), Map.of("spec.host", "spec.nodeName"),
                    FieldLabels::podValues);
            case "/Node" -> converted(Set.of(NAME, "spec.unschedulable"), Map.of(), FieldLabels::nodeValues);
            case "/Namespace" -> converted(Set.of(NAME, "status.phase"), Map.of(), FieldLabels::namespaceValues);
            case "/Secret" -> converted(Set.of(NAME, NAMESPACE, "type"), Map.of(), FieldLabels::secretValues);
            case "/Service" -> converted(Set.of(NAME, NAMESPACE, "spec.clusterIP", "spec.type"), Map.of(),
                    FieldLabels::serviceValues);
            case "/Event" -> converted(Set.of(NAME, NAMESPACE, "involvedObject.kind", "involvedObject.namespace",
                    "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                    "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
                    "source", "type"), Map.of(), FieldLabels::eventValues);
            case "/ReplicationController" -> converted(Set.of(NAME, NAMESPACE, "status.replicas"), Map.of(),
                    object -> withMetadata(object, Map.of("status.replicas", number(object, "status", "replicas"))));
            case "batch/Job" -> new FieldLabels(Set.of(NAME, NAMESPACE, "status.successful"), Map.of(),
                    label -> "field label " + GoQuote.quote(label) + " not supported for batchv1.Job",
                    object -> withMetadata(object,
                            Map.of("status.successful", number(object, "status", "succeeded"))));
            case "apps/ReplicaSet" -> metadataOnly(
                    object -> withMetadata(object, Map.of("status.replicas", number(object, "status", "replicas"))));
            default -> metadataOnly(object -> withMetadata(object, Map.of()));
        };
    }

    /** The label to match on, after Kubernetes' renames ({@code spec.host} is {@code spec.nodeName}). */
    String convert(String label) {
        if (accepted.contains(label)) {
            return label;
        }
        String target = renamed.get(label);
        if (target != null) {
            return target;
        }
        throw new SelectorException(refusal.apply(label));
    }

    /** All the object's selectable fields and their values. */
    Map<String, String> values(JsonNode object) {
        return values.apply(object);
    }

    private static FieldLabels converted(Set<String> accepted, Map<String, String> renamed,
            Function<JsonNode, Map<String, String>> values) {
        return new FieldLabels(accepted, renamed, label -> "field label not supported: " + label, values);
    }

    // runtime.DefaultMetaV1FieldSelectorConversion, for kinds without a conversion function of their own.
    private static FieldLabels metadataOnly(Function<JsonNode, Map<String, String>> values) {
        return new FieldLabels(Set.of(NAME, NAMESPACE), Map.of(),
                label -> GoQuote.quote(label) + " is not a known field selector: only \"metadata.name\", "
                        + "\"metadata.namespace\"",
                values);
    }

    private static Map<String, String> podValues(JsonNode pod) {
        Map<String, String> fields = new HashMap<>();
        fields.put("spec.nodeName", text(pod, "spec", "nodeName"));
        fields.put("spec.restartPolicy", text(pod, "spec", "restartPolicy"));
        fields.put("spec.schedulerName", text(pod, "spec", "schedulerName"));
        fields.put("spec.serviceAccountName", text(pod, "spec", "serviceAccountName"));
        fields.put("spec.hostNetwork", Boolean.toString(pod.path("spec").path("hostNetwork").asBoolean(false)));
        fields.put("status.phase", text(pod, "status", "phase"));
        // The primary address: podIPs[0], which the v1 conversion fills from podIP when it is absent.
        String podIP = pod.path("status").path("podIPs").path(0).path("ip").asText("");
        fields.put("status.podIP", podIP.isEmpty() ? text(pod, "status", "podIP") : podIP);
        fields.put("status.nominatedNodeName", text(pod, "status", "nominatedNodeName"));
        return withMetadata(pod, fields);
    }

    private static Map<String, String> nodeValues(JsonNode node) {
        return Map.of(NAME, text(node, "metadata", "name"),
                "spec.unschedulable", Boolean.toString(node.path("spec").path("unschedulable").asBoolean(false)));
    }

    private static Map<String, String> namespaceValues(JsonNode namespace) {
        return Map.of(NAME, text(namespace, "metadata", "name"),
                "status.phase", text(namespace, "status", "phase"),
                "name", text(namespace, "metadata", "name"));
    }

    private static Map<String, String> secretValues(JsonNode secret) {
        return withMetadata(secret, Map.of("type", text(secret, "type")));
    }

    private static Map<String, String> serviceValues(JsonNode service) {
        return withMetadata(service, Map.of("spec.clusterIP", text(service, "spec", "clusterIP"),
                "spec.type", text(service, "spec", "type")));
    }

    private static Map<String, String> eventValues(JsonNode event) {
        Map<String, String> fields = new HashMap<>();
        for (String field : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion",
                "fieldPath")) {
            fields.put("involvedObject." + field, text(event, "involvedObject", field));
        }
        fields.put("reason", text(event, "reason"));
        fields.put("reportingComponent", text(event, "reportingComponent"));
        String source = text(event, "source", "component");
        fields.put("source", source.isEmpty() ? text(event, "reportingComponent") : source);
        fields.put("type", text(event, "type"));
        return withMetadata(event, fields);
    }

    private static Map<String, String> withMetadata(JsonNode object, Map<String, String> specific) {
        Map<String, String> fields = new HashMap<>(specific);
        fields.put(NAME, text(object, "metadata", "name"));
        fields.put(NAMESPACE, text(object, "metadata", "namespace"));
        return fields;
    }

    private static String text(JsonNode object, String... path) {
        JsonNode node = object;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isValueNode() ? node.asText() : "";
    }

    private static String number(JsonNode object, String... path) {
        JsonNode node = object;
        for (String step : path) {
            node = node.path(step);
        }
        return Long.toString(node.asLong(0));
    }
}
