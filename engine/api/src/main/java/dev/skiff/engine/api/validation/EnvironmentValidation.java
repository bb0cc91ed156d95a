package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code env} and {@code envFrom}: names by 1.32's default relaxed rule (any printable ASCII but
 * {@code =}; the RelaxedEnvironmentVariableValidation gate is beta and on), exactly one value source.
 */
final class EnvironmentValidation {

    private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
            "status.podIPs");
    private static final List<String> RESOURCE_FIELD_PATHS = List.of("limits.cpu", "limits.ephemeral-storage",
            "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory");

    private EnvironmentValidation() {
    }

    /** {@code ValidateEnv}, with 1.32's default relaxed name rule (any printable ASCII but {@code =}). */
    static List<FieldError> env(List<JsonNode> vars, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            JsonNode ev = vars.get(i);
            FieldPath at = path.index(i);
            String name = Fields.text(ev, "name");
            if (name.isEmpty()) {
                errs.add(FieldError.required(at.child("name"), ""));
            } else {
                for (String msg : Formats.relaxedEnvVarName(name)) {
                    errs.add(FieldError.invalid(at.child("name"), name, msg));
                }
            }
            errs.addAll(valueFrom(ev, at.child("valueFrom")));
        }
        return errs;
    }

    private static List<FieldError> valueFrom(JsonNode ev, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (!Fields.has(ev, "valueFrom")) {
            return errs;
        }
        JsonNode from = ev.get("valueFrom");
        int sources = 0;
        if (Fields.has(from, "fieldRef")) {
            sources++;
            errs.addAll(fieldRef(from.get("fieldRef"), path.child("fieldRef")));
        }
        if (Fields.has(from, "resourceFieldRef")) {
            sources++;
            JsonNode ref = from.get("resourceFieldRef");
            String resource = Fields.text(ref, "resource");
            if (resource.isEmpty()) {
                errs.add(FieldError.required(path.child("resourceFieldRef").child("resource"), ""));
            } else if (!RESOURCE_FIELD_PATHS.contains(resource) && !resource.startsWith("requests.hugepages-")
                    && !resource.startsWith("limits.hugepages-")) {
                errs.add(FieldError.notSupported(path.child("resourceFieldRef").child("resource"), resource,
                        RESOURCE_FIELD_PATHS));
            }
        }
        if (Fields.has(from, "configMapKeyRef")) {
            sources++;
            errs.addAll(keySelector(from.get("configMapKeyRef"), path.child("configMapKeyRef")));
        }
        if (Fields.has(from, "secretKeyRef")) {
            sources++;
            errs.addAll(keySelector(from.get("secretKeyRef"), path.child("secretKeyRef")));
        }
        if (sources == 0) {
            errs.add(FieldError.invalid(path, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!Fields.text(ev, "value").isEmpty()) {
            errs.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<FieldError> fieldRef(JsonNode ref, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        // apiVersion is defaulted to v1.
        String fieldPath = Fields.text(ref, "fieldPath");
        if (fieldPath.isEmpty()) {
            errs.add(FieldError.required(path.child("fieldPath"), ""));
            return errs;
        }
        int bracket = fieldPath.indexOf('[');
        if (bracket > 0 && fieldPath.endsWith("]")) {
            String base = fieldPath.substring(0, bracket);
            String subscript = fieldPath.substring(bracket + 1, fieldPath.length() - 1);
            if (subscript.length() >= 2 && subscript.startsWith("'") && subscript.endsWith("'")) {
                subscript = subscript.substring(1, subscript.length() - 1);
            }
            switch (base) {
                case "metadata.annotations" -> errs.addAll(qualified(subscript.toLowerCase(java.util.Locale.ROOT), path));
                case "metadata.labels" -> errs.addAll(qualified(subscript, path));
                default -> errs.add(FieldError.invalid(path, base, "does not support subscript"));
            }
        } else if (!ENV_FIELD_PATHS.contains(fieldPath)) {
            errs.add(FieldError.notSupported(path.child("fieldPath"), fieldPath, ENV_FIELD_PATHS));
        }
        return errs;
    }

    private static List<FieldError> qualified(String value, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(value)) {
            errs.add(FieldError.invalid(path, value, msg));
        }
        return errs;
    }

    private static List<FieldError> keySelector(JsonNode ref, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.text(ref, "name");
        for (String msg : Formats.dns1123Subdomain(name)) {
            errs.add(FieldError.invalid(path.child("name"), name, msg));
        }
        String key = Fields.text(ref, "key");
        if (key.isEmpty()) {
            errs.add(FieldError.required(path.child("key"), ""));
        } else {
            for (String msg : Formats.configMapKey(key)) {
                errs.add(FieldError.invalid(path.child("key"), key, msg));
            }
        }
        return errs;
    }

    /** {@code ValidateEnvFrom}. */
    static List<FieldError> envFrom(List<JsonNode> sources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            JsonNode src = sources.get(i);
            FieldPath at = path.index(i);
            String prefix = Fields.text(src, "prefix");
            if (!prefix.isEmpty()) {
                for (String msg : Formats.relaxedEnvVarName(prefix)) {
                    errs.add(FieldError.invalid(at.child("prefix"), prefix, msg));
                }
            }
            int count = 0;
            for (String kind : List.of("configMapRef", "secretRef")) {
                if (!Fields.has(src, kind)) {
                    continue;
                }
                count++;
                String name = Fields.text(src.get(kind), "name");
                if (name.isEmpty()) {
                    errs.add(FieldError.required(at.child(kind).child("name"), ""));
                } else {
                    for (String msg : Formats.dns1123Subdomain(maskTrailingDash(name))) {
                        errs.add(FieldError.invalid(at.child(kind).child("name"), name, msg));
                    }
                }
            }
            if (count == 0) {
                errs.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (count > 1) {
                errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    /** Kubernetes' {@code maskTrailingDash}: a name used as a prefix may end in a dash. */
    static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }
}
