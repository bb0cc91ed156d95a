package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link ObjectLookup} for tests: ConfigMaps and Secrets by namespace/name. */
public final class FakeObjects implements ObjectLookup {

    private final Map<String, ObjectNode> configMaps = new HashMap<>();
    private final Map<String, ObjectNode> secrets = new HashMap<>();

    /** Adds or replaces a ConfigMap with {@code data}. */
    public FakeObjects configMap(String namespace, String name, Map<String, String> data) {
        ObjectNode configMap = object(namespace, name);
        ObjectNode dataNode = configMap.putObject("data");
        data.forEach(dataNode::put);
        configMaps.put(namespace + "/" + name, configMap);
        return this;
    }

    /** Adds or replaces a Secret whose {@code data} holds the base64 of each value. */
    public FakeObjects secret(String namespace, String name, Map<String, String> values) {
        ObjectNode secret = object(namespace, name);
        ObjectNode data = secret.putObject("data");
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, secret);
        return this;
    }

    public FakeObjects deleteConfigMap(String namespace, String name) {
        configMaps.remove(namespace + "/" + name);
        return this;
    }

    @Override
    public Optional<ObjectNode> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name)).map(ObjectNode::deepCopy);
    }

    @Override
    public Optional<ObjectNode> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name)).map(ObjectNode::deepCopy);
    }

    private static ObjectNode object(String namespace, String name) {
        ObjectNode object = Json.object();
        object.putObject("metadata").put("namespace", namespace).put("name", name);
        return object;
    }
}
