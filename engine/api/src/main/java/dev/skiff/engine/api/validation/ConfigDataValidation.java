package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps and Secrets: keys that are valid file names ({@code a valid config key must consist of alphanumeric
 * characters, '-', '_' or '.'}), at most 1 MiB of data, the keys each Secret type requires, and no change to the
 * data of an object marked {@code immutable: true}.
 */
final class ConfigDataValidation {

    /** {@code core.MaxSecretSize}, also the ConfigMap limit. */
    static final int MAX_SIZE = 1024 * 1024;

    private ConfigDataValidation() {
    }

    static List<FieldError> configMap(ObjectNode cm) {
        List<FieldError> errs = new ArrayList<>();
        long total = 0;
        JsonNode binary = cm.get("binaryData");
        for (Map.Entry<String, JsonNode> e : Fields.entries(cm, "data")) {
            String key = e.getKey();
            FieldPath at = FieldPath.root("data").key(key);
            for (String msg : Formats.configMapKey(key)) {
                errs.add(FieldError.invalid(at, key, msg));
            }
            if (binary != null && binary.isObject() && binary.has(key)) {
                errs.add(FieldError.invalid(at, key, "duplicate of key present in binaryData"));
            }
            total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(cm, "binaryData")) {
            for (String msg : Formats.configMapKey(e.getKey())) {
                errs.add(FieldError.invalid(FieldPath.root("binaryData").key(e.getKey()), e.getKey(), msg));
            }
            total += decodedLength(e.getValue());
        }
        if (total > MAX_SIZE) {
            // Kubernetes names no field: the error is about the object as a whole.
            errs.add(FieldError.tooLong(FieldPath.root(""), MAX_SIZE));
        }
        return errs;
    }

    static List<FieldError> configMapUpdate(ObjectNode cm, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        if (Fields.flag(old, "immutable")) {
            if (!Fields.flag(cm, "immutable")) {
                errs.add(FieldError.forbidden(FieldPath.root("immutable"), "field is immutable when `immutable` is set"));
            }
            if (!Semantics.equal(cm.get("data"), old.get("data"))) {
                errs.add(FieldError.forbidden(FieldPath.root("data"), "field is immutable when `immutable` is set"));
            }
            if (!Semantics.equal(cm.get("binaryData"), old.get("binaryData"))) {
                errs.add(FieldError.forbidden(FieldPath.root("binaryData"), "field is immutable when `immutable` is set"));
            }
        }
        errs.addAll(configMap(cm));
        return errs;
    }

    static List<FieldError> secret(ObjectNode secret) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath dataPath = FieldPath.root("data");
        long total = 0;
        for (Map.Entry<String, JsonNode> e : Fields.entries(secret, "data")) {
            for (String msg : Formats.configMapKey(e.getKey())) {
                errs.add(FieldError.invalid(dataPath.key(e.getKey()), e.getKey(), msg));
            }
            total += decodedLength(e.getValue());
        }
        // stringData is merged into data before validation in Kubernetes; count it the same way.
        for (Map.Entry<String, JsonNode> e : Fields.entries(secret, "stringData")) {
            JsonNode data = secret.get("data");
            if (data != null && data.isObject() && data.has(e.getKey())) {
                continue;
            }
            for (String msg : Formats.configMapKey(e.getKey())) {
                errs.add(FieldError.invalid(dataPath.key(e.getKey()), e.getKey(), msg));
            }
            total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_SIZE) {
            errs.add(FieldError.tooLong(dataPath, MAX_SIZE));
        }
        String type = Fields.text(secret, "type");
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                JsonNode annotations = Fields.object(Fields.object(secret, "metadata"), "annotations");
                if (Fields.text(annotations, "kubernetes.io/service-account.name").isEmpty()) {
                    errs.add(FieldError.required(FieldPath.root("metadata").child("annotations")
                            .key("kubernetes.io/service-account.name"), ""));
                }
            }
            case "kubernetes.io/dockercfg" -> requireKeys(secret, dataPath, errs, ".dockercfg");
            case "kubernetes.io/dockerconfigjson" -> requireKeys(secret, dataPath, errs, ".dockerconfigjson");
            case "kubernetes.io/basic-auth" -> {
                if (!hasKey(secret, "username") && !hasKey(secret, "password")) {
                    errs.add(FieldError.required(dataPath.key("username"), ""));
                    errs.add(FieldError.required(dataPath.key("password"), ""));
                }
            }
            case "kubernetes.io/ssh-auth" -> {
                if (!hasKey(secret, "ssh-privatekey")) {
                    errs.add(FieldError.required(dataPath.key("ssh-privatekey"), ""));
                }
            }
            case "kubernetes.io/tls" -> requireKeys(secret, dataPath, errs, "tls.crt", "tls.key");
            default -> {
            }
        }
        return errs;
    }

    static List<FieldError> secretUpdate(ObjectNode secret, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        String type = typeOrOpaque(secret);
        if (!type.equals(typeOrOpaque(old))) {
            errs.add(FieldError.invalid(FieldPath.root("type"), type, "field is immutable"));
        }
        if (Fields.flag(old, "immutable")) {
            if (!Fields.flag(secret, "immutable")) {
                errs.add(FieldError.forbidden(FieldPath.root("immutable"), "field is immutable when `immutable` is set"));
            }
            if (!Semantics.equal(secret.get("data"), old.get("data")) || Fields.nonEmpty(secret, "stringData")) {
                errs.add(FieldError.forbidden(FieldPath.root("data"), "field is immutable when `immutable` is set"));
            }
        }
        errs.addAll(secret(secret));
        return errs;
    }

    private static String typeOrOpaque(ObjectNode secret) {
        String type = Fields.text(secret, "type");
        return type.isEmpty() ? "Opaque" : type;
    }

    private static void requireKeys(ObjectNode secret, FieldPath dataPath, List<FieldError> errs, String... keys) {
        for (String key : keys) {
            if (!hasKey(secret, key)) {
                errs.add(FieldError.required(dataPath.key(key), ""));
            }
        }
    }

    private static boolean hasKey(ObjectNode secret, String key) {
        JsonNode data = secret.get("data");
        JsonNode stringData = secret.get("stringData");
        return (data != null && data.isObject() && data.has(key))
                || (stringData != null && stringData.isObject() && stringData.has(key));
    }

    private static long decodedLength(JsonNode value) {
        String text = value.isNull() ? "" : value.asText();
        try {
            return Base64.getDecoder().decode(text).length;
        } catch (IllegalArgumentException e) {
            // Not base64: decoding rejects it elsewhere; count the text so the size rule still holds.
            return text.length();
        }
    }
}
