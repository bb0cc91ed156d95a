package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key-value contents of ConfigMaps and Secrets as their consumers see them: ConfigMap {@code data} as text,
 * {@code binaryData} and Secret {@code data} decoded from the base64 JSON carries them in.
 */
public final class ConfigData {

    private ConfigData() {
    }

    /** A ConfigMap's {@code data}, key by key, in the object's order. */
    public static Map<String, String> configMapData(ObjectNode configMap) {
        Map<String, String> data = new LinkedHashMap<>();
        configMap.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** A ConfigMap's {@code binaryData}, decoded. */
    public static Map<String, byte[]> configMapBinaryData(ObjectNode configMap) {
        return decoded(configMap.path("binaryData"));
    }

    /** A Secret's {@code data}, decoded. */
    public static Map<String, byte[]> secretData(ObjectNode secret) {
        return decoded(secret.path("data"));
    }

    /** Bytes as Go's {@code string([]byte)} reads them for an environment variable. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> decoded(JsonNode data) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        data.properties().forEach(e -> decoded.put(e.getKey(), Base64.getMimeDecoder().decode(e.getValue().asText())));
        return decoded;
    }
}
