package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds a container's environment as the kubelet's {@code makeEnvironmentVariables} does: the service link
 * variables, then each {@code envFrom} source (with its prefix), then each {@code env} entry in order, where a
 * {@code value} expands {@code $(VAR)} against the variables defined so far and a {@code valueFrom} reads a pod
 * field, a resource, a ConfigMap key or a Secret key. Later entries replace earlier ones of the same name.
 *
 * <p>Each ConfigMap and Secret is read once per build, so all references see the same version.
 */
public final class ContainerEnvironment {

    private final ObjectNode pod;
    private final JsonNode container;
    private final ObjectLookup lookup;
    private final NodeAllocatable allocatable;
    private final String namespace;
    private final Map<String, Optional<ObjectNode>> configMaps = new HashMap<>();
    private final Map<String, Optional<ObjectNode>> secrets = new HashMap<>();
    private final LinkedHashMap<String, String> variables = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ContainerEnvironment(ObjectNode pod, JsonNode container, ObjectLookup lookup,
            NodeAllocatable allocatable) {
        this.pod = pod;
        this.container = container;
        this.lookup = lookup;
        this.allocatable = allocatable;
        this.namespace = ObjectFieldSelectors.text(pod.path("metadata"), "namespace");
    }

    /**
     * The environment of {@code container} in {@code pod}.
     *
     * @param serviceEnv  the service link variables ({@code KUBERNETES_SERVICE_HOST}, ...), may be empty
     * @param allocatable what a CPU, memory or ephemeral-storage limit reads as when the container sets none
     * @throws ContainerConfigException when a required ConfigMap, Secret or key is missing or a field cannot
     *                                  be read, with the kubelet's message
     */
    public static Environment build(ObjectNode pod, JsonNode container, ObjectLookup lookup,
            Map<String, String> serviceEnv, NodeAllocatable allocatable) {
        ContainerEnvironment builder = new ContainerEnvironment(pod, container, lookup, allocatable);
        builder.variables.putAll(serviceEnv);
        for (JsonNode source : container.path("envFrom")) {
            builder.addEnvFrom(source);
        }
        for (JsonNode entry : container.path("env")) {
            builder.addEnv(entry);
        }
        return new Environment(builder.variables, builder.warnings);
    }

    /** {@link #build(ObjectNode, JsonNode, ObjectLookup, Map, NodeAllocatable)} with this machine's resources. */
    public static Environment build(ObjectNode pod, JsonNode container, ObjectLookup lookup,
            Map<String, String> serviceEnv) {
        return build(pod, container, lookup, serviceEnv, NodeAllocatable.ofThisMachine());
    }

    private void addEnvFrom(JsonNode source) {
        String prefix = ObjectFieldSelectors.text(source, "prefix");
        if (source.has("configMapRef")) {
            JsonNode ref = source.get("configMapRef");
            String name = ObjectFieldSelectors.text(ref, "name");
            Optional<ObjectNode> configMap = configMap(name, optional(ref));
            configMap.ifPresent(cm -> addAll(prefix, ConfigData.configMapData(cm), "configMap", name));
        } else if (source.has("secretRef")) {
            JsonNode ref = source.get("secretRef");
            String name = ObjectFieldSelectors.text(ref, "name");
            Optional<ObjectNode> secret = secret(name, optional(ref));
            secret.ifPresent(s -> {
                Map<String, String> data = new LinkedHashMap<>();
                ConfigData.secretData(s).forEach((key, value) -> data.put(key, ConfigData.text(value)));
                addAll(prefix, data, "secret", name);
            });
        }
    }

    private void addAll(String prefix, Map<String, String> data, String kind, String name) {
        TreeSet<String> invalid = new TreeSet<>();
        data.forEach((key, value) -> {
            String variable = prefix + key;
            // 1.32's kubelet checks with the relaxed rule (RelaxedEnvironmentVariableValidation is on).
            if (!Formats.relaxedEnvVarName(variable).isEmpty()) {
                invalid.add(variable);
            } else {
                variables.put(variable, value);
            }
        });
        if (!invalid.isEmpty()) {
            warnings.add("Keys [" + String.join(", ", invalid) + "] from the EnvFrom " + kind + " " + namespace
                    + "/" + name + " were skipped since they are considered invalid environment variable names.");
        }
    }

    private void addEnv(JsonNode entry) {
        String name = ObjectFieldSelectors.text(entry, "name");
        String value = ObjectFieldSelectors.text(entry, "value");
        JsonNode valueFrom = entry.path("valueFrom");
        if (!value.isEmpty()) {
            value = VariableExpansion.expand(value, variables);
        } else if (valueFrom.isObject()) {
            Optional<String> resolved = resolve(valueFrom);
            if (resolved.isEmpty()) {
                // An optional source that is missing leaves the variable undefined.
                return;
            }
            value = resolved.get();
        }
        variables.put(name, value);
    }

    private Optional<String> resolve(JsonNode valueFrom) {
        if (valueFrom.has("fieldRef")) {
            return Optional.of(ObjectFieldSelectors.forEnv(pod, valueFrom.get("fieldRef")));
        }
        if (valueFrom.has("resourceFieldRef")) {
            return Optional.of(ResourceFieldSelectors.value(pod, container, valueFrom.get("resourceFieldRef"),
                    allocatable));
        }
        if (valueFrom.has("configMapKeyRef")) {
            JsonNode ref = valueFrom.get("configMapKeyRef");
            String name = ObjectFieldSelectors.text(ref, "name");
            String key = ObjectFieldSelectors.text(ref, "key");
            boolean optional = optional(ref);
            Optional<ObjectNode> configMap = configMap(name, optional);
            if (configMap.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> data = ConfigData.configMapData(configMap.get());
            if (!data.containsKey(key)) {
                if (optional) {
                    return Optional.empty();
                }
                throw new ContainerConfigException(
                        "couldn't find key " + key + " in ConfigMap " + namespace + "/" + name);
            }
            return Optional.of(data.get(key));
        }
        if (valueFrom.has("secretKeyRef")) {
            JsonNode ref = valueFrom.get("secretKeyRef");
            String name = ObjectFieldSelectors.text(ref, "name");
            String key = ObjectFieldSelectors.text(ref, "key");
            boolean optional = optional(ref);
            Optional<ObjectNode> secret = secret(name, optional);
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            Map<String, byte[]> data = ConfigData.secretData(secret.get());
            if (!data.containsKey(key)) {
                if (optional) {
                    return Optional.empty();
                }
                throw new ContainerConfigException(
                        "couldn't find key " + key + " in Secret " + namespace + "/" + name);
            }
            return Optional.of(ConfigData.text(data.get(key)));
        }
        return Optional.of("");
    }

    // A missing object is empty when the reference is optional, else the kubelet's NotFound error.
    private Optional<ObjectNode> configMap(String name, boolean optional) {
        Optional<ObjectNode> found = configMaps.computeIfAbsent(name, n -> lookup.configMap(namespace, n));
        if (found.isEmpty() && !optional) {
            throw new ContainerConfigException(NotFound.configMap(name));
        }
        return found;
    }

    private Optional<ObjectNode> secret(String name, boolean optional) {
        Optional<ObjectNode> found = secrets.computeIfAbsent(name, n -> lookup.secret(namespace, n));
        if (found.isEmpty() && !optional) {
            throw new ContainerConfigException(NotFound.secret(name));
        }
        return found;
    }

    private static boolean optional(JsonNode ref) {
        return ref.path("optional").asBoolean(false);
    }
}
