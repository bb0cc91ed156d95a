package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's {@code fieldRef} ({@code ObjectFieldSelector}): a pod field as text. Environment variables
 * reach more fields ({@code spec.nodeName}, {@code status.podIP}) than volume files, which see only metadata,
 * as with the kubelet.
 */
public final class ObjectFieldSelectors {

    private ObjectFieldSelectors() {
    }

    /**
     * The value of an environment variable's {@code fieldRef}: the kubelet's {@code podFieldSelectorRuntimeValue}.
     * IP fields come from the pod's status, which the node agent fills before starting containers.
     *
     * @throws ContainerConfigException for an unsupported path or version, with Kubernetes' message
     */
    public static String forEnv(ObjectNode pod, JsonNode fieldRef) {
        String version = text(fieldRef, "apiVersion");
        if (!version.isEmpty() && !version.equals("v1")) {
            throw new ContainerConfigException("unsupported pod version: " + version);
        }
        String path = supportedLabel(text(fieldRef, "fieldPath"));
        return switch (path) {
            case "spec.nodeName" -> text(pod.path("spec"), "nodeName");
            case "spec.serviceAccountName" -> text(pod.path("spec"), "serviceAccountName");
            case "status.hostIP" -> first(hostIps(pod));
            case "status.hostIPs" -> String.join(",", hostIps(pod));
            case "status.podIP" -> first(podIps(pod));
            case "status.podIPs" -> String.join(",", podIps(pod));
            default -> metadata(pod, path);
        };
    }

    /**
     * The content of a downward API volume file's {@code fieldRef}: Kubernetes' {@code ExtractFieldPathAsString},
     * which knows the metadata fields only. Whole label and annotation maps are written as {@code key="value"}
     * lines sorted by key, with Go's quoting and no final newline.
     *
     * @throws ContainerConfigException for an unsupported path, with Kubernetes' message
     */
    public static String forVolume(ObjectNode pod, JsonNode fieldRef) {
        return metadata(pod, text(fieldRef, "fieldPath"));
    }

    /** Kubernetes' {@code FormatMap}: {@code key="value"} lines sorted by key, without a final newline. */
    public static String formatMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(entry.getKey()).append('=').append(GoQuote.quote(entry.getValue()));
        }
        return out.toString();
    }

    // ConvertDownwardAPIFieldLabel: the paths a v1 pod's fieldRef may name.
    private static String supportedLabel(String label) {
        Subscripted subscripted = Subscripted.of(label);
        if (subscripted != null) {
            if (subscripted.path.equals("metadata.annotations") || subscripted.path.equals("metadata.labels")) {
                return label;
            }
            throw new ContainerConfigException("field label does not support subscript: " + label);
        }
        return switch (label) {
            case "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
                 "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
                 "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs" -> label;
            // Old v1 clients wrote spec.host.
            case "spec.host" -> "spec.nodeName";
            default -> throw new ContainerConfigException("field label not supported: " + label);
        };
    }

    private static String metadata(ObjectNode pod, String fieldPath) {
        JsonNode meta = pod.path("metadata");
        Subscripted subscripted = Subscripted.of(fieldPath);
        if (subscripted != null) {
            String key = subscripted.key;
            switch (subscripted.path) {
                case "metadata.annotations" -> {
                    checkKey(fieldPath, Formats.qualifiedName(key.toLowerCase(Locale.ROOT)));
                    return meta.path("annotations").path(key).asText("");
                }
                case "metadata.labels" -> {
                    checkKey(fieldPath, Formats.qualifiedName(key));
                    return meta.path("labels").path(key).asText("");
                }
                default -> throw new ContainerConfigException(
                        "fieldPath " + GoQuote.quote(fieldPath) + " does not support subscript");
            }
        }
        return switch (fieldPath) {
            case "metadata.annotations" -> formatMap(stringMap(meta.path("annotations")));
            case "metadata.labels" -> formatMap(stringMap(meta.path("labels")));
            case "metadata.name" -> text(meta, "name");
            case "metadata.namespace" -> text(meta, "namespace");
            case "metadata.uid" -> text(meta, "uid");
            default -> throw new ContainerConfigException("unsupported fieldPath: " + fieldPath);
        };
    }

    private static void checkKey(String fieldPath, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ContainerConfigException(
                    "invalid key subscript in " + fieldPath + ": " + String.join(";", problems));
        }
    }

    private static List<String> hostIps(ObjectNode pod) {
        return ips(pod.path("status"), "hostIP", "hostIPs");
    }

    private static List<String> podIps(ObjectNode pod) {
        return ips(pod.path("status"), "podIP", "podIPs");
    }

    // The plural list when present (its first entry is the primary address), else the singular field.
    private static List<String> ips(JsonNode status, String single, String plural) {
        List<String> ips = new ArrayList<>();
        for (JsonNode entry : status.path(plural)) {
            String ip = text(entry, "ip");
            if (!ip.isEmpty()) {
                ips.add(ip);
            }
        }
        if (ips.isEmpty() && !text(status, single).isEmpty()) {
            ips.add(text(status, single));
        }
        return ips;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    // Kubernetes' SplitMaybeSubscriptedPath: "metadata.labels['app']" is the path and the key "app".
    private record Subscripted(String path, String key) {
        static Subscripted of(String fieldPath) {
            if (!fieldPath.endsWith("']")) {
                return null;
            }
            String inner = fieldPath.substring(0, fieldPath.length() - 2);
            int open = inner.indexOf("['");
            if (open <= 0) {
                return null;
            }
            return new Subscripted(inner.substring(0, open), inner.substring(open + 2));
        }
    }
}
