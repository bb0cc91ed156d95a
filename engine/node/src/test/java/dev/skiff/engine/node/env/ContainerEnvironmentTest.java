package dev.skiff.engine.node.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {

    private static final NodeAllocatable NODE = new NodeAllocatable(4000, 8L << 30);

    private final FakeObjects objects = new FakeObjects();

    private static ObjectNode pod(String containersJson) throws IOException {
        return (ObjectNode) Json.STRICT.readTree("""
                {"metadata": {"name": "web-1", "namespace": "default", "uid": "0b7c-11",
                              "labels": {"app": "web", "tier": "front"},
                              "annotations": {"example.com/owner": "team \\"a\\""}},
                 "spec": {"nodeName": "node-1", "serviceAccountName": "builder", "containers": %s},
                 "status": {"hostIP": "10.0.0.5", "hostIPs": [{"ip": "10.0.0.5"}, {"ip": "fd00::5"}],
                            "podIP": "10.1.0.7", "podIPs": [{"ip": "10.1.0.7"}, {"ip": "fd01::7"}]}}
                """.formatted(containersJson));
    }

    private Environment build(String containerJson) throws IOException {
        return build(containerJson, Map.of());
    }

    private Environment build(String containerJson, Map<String, String> serviceEnv) throws IOException {
        ObjectNode pod = pod("[" + containerJson + "]");
        JsonNode container = pod.path("spec").path("containers").get(0);
        return ContainerEnvironment.build(pod, container, objects, serviceEnv, NODE);
    }

    private Map<String, String> env(String containerJson) throws IOException {
        return build(containerJson).env();
    }

    @Test
    void ordersServiceLinksThenEnvFromThenEnv() throws IOException {
        objects.configMap("default", "app", Map.of("MODE", "fast"));
        Map<String, String> services = new LinkedHashMap<>();
        services.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        services.put("KUBERNETES_SERVICE_PORT", "443");

        Environment environment = build("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}],
                 "env": [{"name": "GREETING", "value": "hi"}, {"name": "KUBERNETES_SERVICE_PORT", "value": "8443"}]}
                """, services);

        assertThat(environment.env()).containsExactly(
                Map.entry("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
                Map.entry("KUBERNETES_SERVICE_PORT", "8443"),
                Map.entry("MODE", "fast"),
                Map.entry("GREETING", "hi"));
        assertThat(environment.asList()).startsWith("KUBERNETES_SERVICE_HOST=10.96.0.1");
        assertThat(environment.warnings()).isEmpty();
    }

    @Test
    void envReplacesWhatEnvFromDefined() throws IOException {
        objects.configMap("default", "app", Map.of("MODE", "fast"));

        assertThat(env("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}],
                 "env": [{"name": "MODE", "value": "slow"}]}
                """)).containsEntry("MODE", "slow");
    }

    @Test
    void expandsValuesAgainstVariablesDefinedSoFar() throws IOException {
        objects.configMap("default", "app", Map.of("HOST", "db"));

        Map<String, String> env = build("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}],
                 "env": [{"name": "PORT", "value": "5432"},
                         {"name": "URL", "value": "postgres://$(HOST):$(PORT)/$(DB)?via=$(KUBERNETES_SERVICE_HOST)"},
                         {"name": "DB", "value": "main"},
                         {"name": "LITERAL", "value": "$$(PORT) costs $$5"}]}
                """, Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")).env();

        assertThat(env.get("URL")).isEqualTo("postgres://db:5432/$(DB)?via=10.96.0.1");
        assertThat(env.get("LITERAL")).isEqualTo("$(PORT) costs $5");
    }

    @Test
    void doesNotExpandValuesFromEnvFromOrValueFrom() throws IOException {
        objects.configMap("default", "app", Map.of("RAW", "$(HOME)", "HOME", "/root"));

        Map<String, String> env = env("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}],
                 "env": [{"name": "FROM_KEY", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "RAW"}}}]}
                """);

        assertThat(env).containsEntry("RAW", "$(HOME)").containsEntry("FROM_KEY", "$(HOME)");
    }

    @Test
    void readsPodFields() throws IOException {
        Map<String, String> env = env("""
                {"name": "app", "env": [
                  {"name": "NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                  {"name": "NS", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
                  {"name": "UID", "valueFrom": {"fieldRef": {"fieldPath": "metadata.uid"}}},
                  {"name": "APP", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                  {"name": "NONE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['absent']"}}},
                  {"name": "OWNER", "valueFrom": {"fieldRef": {"fieldPath": "metadata.annotations['example.com/owner']"}}},
                  {"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                  {"name": "SA", "valueFrom": {"fieldRef": {"fieldPath": "spec.serviceAccountName"}}},
                  {"name": "HOST_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.hostIP"}}},
                  {"name": "HOST_IPS", "valueFrom": {"fieldRef": {"fieldPath": "status.hostIPs"}}},
                  {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
                  {"name": "POD_IPS", "valueFrom": {"fieldRef": {"fieldPath": "status.podIPs"}}}]}
                """);

        assertThat(env).containsExactly(
                Map.entry("NAME", "web-1"), Map.entry("NS", "default"), Map.entry("UID", "0b7c-11"),
                Map.entry("APP", "web"), Map.entry("NONE", ""), Map.entry("OWNER", "team \"a\""),
                Map.entry("NODE", "node-1"), Map.entry("SA", "builder"),
                Map.entry("HOST_IP", "10.0.0.5"), Map.entry("HOST_IPS", "10.0.0.5,fd00::5"),
                Map.entry("POD_IP", "10.1.0.7"), Map.entry("POD_IPS", "10.1.0.7,fd01::7"));
    }

    @Test
    void rejectsFieldsTheDownwardApiDoesNotOffer() {
        assertThatThrownBy(() -> env("""
                {"name": "app", "env": [{"name": "X", "valueFrom": {"fieldRef": {"fieldPath": "spec.hostname"}}}]}
                """)).isInstanceOf(ContainerConfigException.class).hasMessage("field label not supported: spec.hostname");
    }

    @Test
    void roundsCpuUpToTheDivisor() throws IOException {
        Map<String, String> env = env("""
                {"name": "app", "resources": {"limits": {"cpu": "250m"}, "requests": {"cpu": "100m"}},
                 "env": [
                  {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                  {"name": "CPU_ONE", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1"}}},
                  {"name": "CPU_MILLI", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}}},
                  {"name": "REQ_MILLI", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu", "divisor": "1m"}}}]}
                """);

        assertThat(env).containsEntry("CPU", "1").containsEntry("CPU_ONE", "1")
                .containsEntry("CPU_MILLI", "250").containsEntry("REQ_MILLI", "100");
    }

    @Test
    void roundsMemoryUpToTheDivisor() throws IOException {
        Map<String, String> env = env("""
                {"name": "app", "resources": {"limits": {"memory": "100M"}, "requests": {"memory": "64Mi"}},
                 "env": [
                  {"name": "LIMIT_BYTES", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory"}}},
                  {"name": "LIMIT_MI", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Mi"}}},
                  {"name": "REQUEST_MI", "valueFrom": {"resourceFieldRef": {"resource": "requests.memory", "divisor": "1Mi"}}}]}
                """);

        assertThat(env).containsEntry("LIMIT_BYTES", "100000000")
                .containsEntry("LIMIT_MI", "96")       // 95.37Mi rounds up
                .containsEntry("REQUEST_MI", "64");
    }

    @Test
    void missingLimitsReadAsNodeAllocatable() throws IOException {
        Map<String, String> env = env("""
                {"name": "app", "env": [
                  {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                  {"name": "MEM", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Gi"}}},
                  {"name": "REQ", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu"}}}]}
                """);

        assertThat(env).containsEntry("CPU", "4").containsEntry("MEM", "8").containsEntry("REQ", "0");
    }

    @Test
    void readsResourcesOfTheNamedContainer() throws IOException {
        ObjectNode pod = pod("""
                [{"name": "app", "env": [{"name": "SIDE", "valueFrom": {"resourceFieldRef":
                    {"containerName": "sidecar", "resource": "limits.memory", "divisor": "1Mi"}}}]},
                 {"name": "sidecar", "resources": {"limits": {"memory": "32Mi"}}}]
                """);

        Environment env = ContainerEnvironment.build(pod, pod.at("/spec/containers/0"), objects, Map.of(), NODE);

        assertThat(env.env()).containsEntry("SIDE", "32");
    }

    @Test
    void rejectsUnknownResources() {
        assertThatThrownBy(() -> env("""
                {"name": "app", "env": [{"name": "X", "valueFrom": {"resourceFieldRef": {"resource": "limits.gpu"}}}]}
                """)).isInstanceOf(ContainerConfigException.class)
                .hasMessage("unsupported container resource : limits.gpu");
    }

    @Test
    void readsConfigMapAndSecretKeys() throws IOException {
        objects.configMap("default", "app", Map.of("url", "http://db"));
        objects.secret("default", "creds", Map.of("password", "s3cr\u00e9t"));

        Map<String, String> env = env("""
                {"name": "app", "env": [
                  {"name": "URL", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "url"}}},
                  {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "password"}}}]}
                """);

        assertThat(env).containsEntry("URL", "http://db").containsEntry("PASSWORD", "s3cr\u00e9t");
    }

    @Test
    void missingConfigMapIsAConfigError() {
        assertThatThrownBy(() -> env("""
                {"name": "app", "env": [{"name": "URL", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "url"}}}]}
                """)).isInstanceOf(ContainerConfigException.class).hasMessage("configmap \"app\" not found");
    }

    @Test
    void missingSecretIsAConfigError() {
        assertThatThrownBy(() -> env("""
                {"name": "app", "envFrom": [{"secretRef": {"name": "creds"}}]}
                """)).isInstanceOf(ContainerConfigException.class).hasMessage("secret \"creds\" not found");
    }

    @Test
    void missingKeysAreConfigErrors() {
        objects.configMap("default", "app", Map.of("other", "x"));
        objects.secret("default", "creds", Map.of("other", "x"));

        assertThatThrownBy(() -> env("""
                {"name": "app", "env": [{"name": "URL", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "url"}}}]}
                """)).isInstanceOf(ContainerConfigException.class)
                .hasMessage("couldn't find key url in ConfigMap default/app");
        assertThatThrownBy(() -> env("""
                {"name": "app", "env": [{"name": "PW", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "pw"}}}]}
                """)).isInstanceOf(ContainerConfigException.class)
                .hasMessage("couldn't find key pw in Secret default/creds");
    }

    @Test
    void optionalReferencesThatAreMissingLeaveTheVariableOut() throws IOException {
        objects.configMap("default", "app", Map.of("URL", "from-env-from"));

        Map<String, String> env = env("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}},
                                            {"secretRef": {"name": "absent", "optional": true}}],
                 "env": [
                  {"name": "URL", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "url", "optional": true}}},
                  {"name": "A", "valueFrom": {"configMapKeyRef": {"name": "absent", "key": "a", "optional": true}}},
                  {"name": "B", "valueFrom": {"secretKeyRef": {"name": "absent", "key": "b", "optional": true}}}]}
                """);

        assertThat(env).containsExactly(Map.entry("URL", "from-env-from"));
    }

    @Test
    void envFromAddsThePrefix() throws IOException {
        objects.configMap("default", "app", Map.of("mode", "fast"));
        objects.secret("default", "creds", Map.of("user", "admin"));

        Map<String, String> env = env("""
                {"name": "app", "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "app"}},
                                            {"prefix": "DB_", "secretRef": {"name": "creds"}}]}
                """);

        assertThat(env).containsExactly(Map.entry("CFG_mode", "fast"), Map.entry("DB_user", "admin"));
    }

    @Test
    void envFromKeepsKeysTheRelaxedRuleAccepts() throws IOException {
        // Since 1.32 (RelaxedEnvironmentVariableValidation on) keys like these are passed through.
        objects.configMap("default", "app", Map.of("1badkey", "a", "app.properties", "b"));

        Environment environment = build("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}]}
                """);

        assertThat(environment.env()).containsKeys("1badkey", "app.properties");
        assertThat(environment.warnings()).isEmpty();
    }

    @Test
    void envFromSkipsKeysThatAreNoEnvironmentNames() throws IOException {
        objects.configMap("default", "app", Map.of("ok", "1", "a=b", "2", "tab\tkey", "3"));
        objects.secret("default", "creds", Map.of("x=y", "4"));

        Environment environment = build("""
                {"name": "app", "envFrom": [{"configMapRef": {"name": "app"}}, {"secretRef": {"name": "creds"}}]}
                """);

        assertThat(environment.env()).containsExactly(Map.entry("ok", "1"));
        assertThat(environment.warnings()).containsExactly(
                "Keys [a=b, tab\tkey] from the EnvFrom configMap default/app were skipped since they are "
                        + "considered invalid environment variable names.",
                "Keys [x=y] from the EnvFrom secret default/creds were skipped since they are "
                        + "considered invalid environment variable names.");
    }

    @Test
    void emptyValueWithoutSourceIsDefinedAsEmpty() throws IOException {
        assertThat(env("""
                {"name": "app", "env": [{"name": "EMPTY"}, {"name": "ALSO", "value": ""}]}
                """)).containsExactly(Map.entry("EMPTY", ""), Map.entry("ALSO", ""));
    }
}
