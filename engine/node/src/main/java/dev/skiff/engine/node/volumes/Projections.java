package dev.skiff.engine.node.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.node.env.ConfigData;
import dev.skiff.engine.node.env.ContainerConfigException;
import dev.skiff.engine.node.env.NodeAllocatable;
import dev.skiff.engine.node.env.NotFound;
import dev.skiff.engine.node.env.ObjectFieldSelectors;
import dev.skiff.engine.node.env.ObjectLookup;
import dev.skiff.engine.node.env.ResourceFieldSelectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of configMap, secret, downwardAPI and projected volumes (the kubelet plugins' {@code MakePayload}
 * and {@code CollectData}): relative path to content and mode.
 */
final class Projections {

    /** The API's default {@code defaultMode}, 0644. */
    static final int DEFAULT_MODE = 0644;
    private static final long DEFAULT_TOKEN_SECONDS = 3600;

    private final ObjectLookup lookup;
    private final NodeAllocatable allocatable;
    private final ServiceAccountTokenSource tokens;
    private final Clock clock;
    private final Map<String, IssuedToken> issued = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    Projections(ObjectLookup lookup, NodeAllocatable allocatable, ServiceAccountTokenSource tokens, Clock clock) {
        this.lookup = lookup;
        this.allocatable = allocatable;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** What was left out and why, one line per volume source; for the pod's events or logs. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The files of {@code volume}, empty when it is not one of the projected kinds.
     *
     * @throws ContainerConfigException when a required object or key is missing or a field cannot be read
     */
    Optional<Map<String, FileProjection>> payload(ObjectNode pod, JsonNode volume) {
        String namespace = text(pod.path("metadata"), "namespace");
        String volumeName = text(volume, "name");
        if (volume.has("configMap")) {
            JsonNode source = volume.get("configMap");
            return Optional.of(configMap(namespace, source, defaultMode(source)));
        }
        if (volume.has("secret")) {
            JsonNode source = volume.get("secret");
            return Optional.of(secret(namespace, text(source, "secretName"), source, defaultMode(source)));
        }
        if (volume.has("downwardAPI")) {
            JsonNode source = volume.get("downwardAPI");
            return Optional.of(downwardApi(pod, source, defaultMode(source)));
        }
        if (volume.has("projected")) {
            return Optional.of(projected(pod, namespace, volumeName, volume.get("projected")));
        }
        return Optional.empty();
    }

    private Map<String, FileProjection> configMap(String namespace, JsonNode source, int defaultMode) {
        String name = text(source, "name");
        boolean optional = source.path("optional").asBoolean(false);
        Optional<ObjectNode> configMap = lookup.configMap(namespace, name);
        if (configMap.isEmpty() && !optional) {
            throw new ContainerConfigException(NotFound.configMap(name));
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        configMap.ifPresent(cm -> {
            ConfigData.configMapData(cm).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
            data.putAll(ConfigData.configMapBinaryData(cm));
        });
        return keysToPaths(data, source.path("items"), defaultMode, optional,
                "configmap references non-existent config key: ");
    }

    private Map<String, FileProjection> secret(String namespace, String name, JsonNode source, int defaultMode) {
        boolean optional = source.path("optional").asBoolean(false);
        Optional<ObjectNode> secret = lookup.secret(namespace, name);
        if (secret.isEmpty() && !optional) {
            throw new ContainerConfigException(NotFound.secret(name));
        }
        Map<String, byte[]> data = secret.map(ConfigData::secretData).orElse(Map.of());
        return keysToPaths(data, source.path("items"), defaultMode, optional,
                "secret references non-existent secret key: ");
    }

    // Without items every key becomes a file of its name; with items only the listed keys, at their paths.
    private static Map<String, FileProjection> keysToPaths(Map<String, byte[]> data, JsonNode items,
            int defaultMode, boolean optional, String missingKeyMessage) {
        Map<String, FileProjection> files = new LinkedHashMap<>();
        if (items.isEmpty()) {
            data.forEach((key, bytes) -> files.put(key, new FileProjection(bytes, defaultMode)));
            return files;
        }
        for (JsonNode item : items) {
            String key = text(item, "key");
            byte[] bytes = data.get(key);
            if (bytes == null) {
                if (optional) {
                    continue;
                }
                throw new ContainerConfigException(missingKeyMessage + key);
            }
            files.put(text(item, "path"), new FileProjection(bytes, mode(item, defaultMode)));
        }
        return files;
    }

    private Map<String, FileProjection> downwardApi(ObjectNode pod, JsonNode source, int defaultMode) {
        Map<String, FileProjection> files = new LinkedHashMap<>();
        for (JsonNode item : source.path("items")) {
            String content = "";
            if (item.has("fieldRef")) {
                content = ObjectFieldSelectors.forVolume(pod, item.get("fieldRef"));
            } else if (item.has("resourceFieldRef")) {
                content = ResourceFieldSelectors.value(pod, MissingNode.getInstance(), item.get("resourceFieldRef"),
                        allocatable);
            }
            files.put(Path.of(text(item, "path")).normalize().toString(),
                    new FileProjection(content.getBytes(StandardCharsets.UTF_8), mode(item, defaultMode)));
        }
        return files;
    }

    private Map<String, FileProjection> projected(ObjectNode pod, String namespace, String volumeName,
            JsonNode projected) {
        int defaultMode = defaultMode(projected);
        Map<String, FileProjection> files = new LinkedHashMap<>();
        for (JsonNode source : projected.path("sources")) {
            if (source.has("configMap")) {
                files.putAll(configMap(namespace, source.get("configMap"), defaultMode));
            } else if (source.has("secret")) {
                JsonNode secret = source.get("secret");
                files.putAll(secret(namespace, text(secret, "name"), secret, defaultMode));
            } else if (source.has("downwardAPI")) {
                files.putAll(downwardApi(pod, source.get("downwardAPI"), defaultMode));
            } else if (source.has("serviceAccountToken")) {
                serviceAccountToken(pod, volumeName, source.get("serviceAccountToken"), defaultMode)
                        .ifPresent(file -> files.put(text(source.get("serviceAccountToken"), "path"), file));
            } else if (source.has("clusterTrustBundle")) {
                note(volumeName, "clusterTrustBundle projection skipped: not supported on this node");
            }
        }
        return files;
    }

    // A token is reused until 80% of its lifetime has passed, as the kubelet's token manager does, so that a
    // refresh does not rewrite the volume each time.
    private Optional<FileProjection> serviceAccountToken(ObjectNode pod, String volumeName, JsonNode source,
            int defaultMode) {
        String path = text(source, "path");
        if (tokens == null) {
            note(volumeName, "serviceAccountToken projection " + path + " skipped: no token source configured");
            return Optional.empty();
        }
        String audience = text(source, "audience");
        long seconds = source.path("expirationSeconds").asLong(DEFAULT_TOKEN_SECONDS);
        String key = volumeName + "/" + path;
        Instant now = clock.instant();
        IssuedToken token = issued.get(key);
        if (token == null || !now.isBefore(token.refreshAfter())) {
            token = new IssuedToken(tokens.token(pod, audience, seconds), now.plusSeconds(seconds * 8 / 10));
            issued.put(key, token);
        }
        return Optional.of(new FileProjection(token.value().getBytes(StandardCharsets.UTF_8), defaultMode));
    }

    private void note(String volumeName, String note) {
        String line = "volume \"" + volumeName + "\": " + note;
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }

    private static int defaultMode(JsonNode source) {
        return source.path("defaultMode").isIntegralNumber() ? source.get("defaultMode").asInt() : DEFAULT_MODE;
    }

    private static int mode(JsonNode item, int defaultMode) {
        return item.path("mode").isIntegralNumber() ? item.get("mode").asInt() : defaultMode;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private record IssuedToken(String value, Instant refreshAfter) {
    }
}
