package dev.skiff.engine.api.defaults;

import static dev.skiff.engine.api.defaults.Manifests.applyDefaults;
import static dev.skiff.engine.api.defaults.Manifests.defaulted;
import static dev.skiff.engine.api.defaults.Manifests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultingPropertiesTest {

    static Stream<String> manifests() {
        return Stream.of(
                """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}}, "spec": {
                    "containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}],
                      "resources": {"limits": {"cpu": "250m", "memory": "64Mi"}},
                      "readinessProbe": {"httpGet": {"port": 80}},
                      "env": [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}],
                    "volumes": [{"name": "v"}, {"name": "c", "configMap": {"name": "c"}}]}}}}
                """,
                """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {
                  "hostNetwork": true,
                  "containers": [{"name": "a", "image": "a:1", "ports": [{"containerPort": 8080}],
                    "resources": {"limits": {"cpu": "500m"}},
                    "livenessProbe": {"grpc": {"port": 1}}, "lifecycle": {"postStart": {"httpGet": {"port": 1}}}}],
                  "volumes": [{"name": "p", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}},
                              {"name": "h", "hostPath": {"path": "/tmp"}}]}}
                """,
                """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
                 "spec": {"type": "LoadBalancer", "sessionAffinity": "ClientIP", "ports": [{"port": 443}]}}
                """,
                """
                {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
                 "spec": {"template": {"metadata": {"labels": {"a": "b"}},
                   "spec": {"restartPolicy": "Never", "containers": [{"name": "a", "image": "a"}]}}}}
                """,
                """
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                 "spec": {"maxReplicas": 4, "behavior": {"scaleUp": {"selectPolicy": "Min"}}}}
                """,
                """
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "spec": {"podSelector": {}, "egress": [{"ports": [{"port": 53}]}]}}
                """,
                """
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
                 "ports": [{"port": 80}]}
                """,
                """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}
                """,
                """
                {"apiVersion": "v1", "kind": "Node", "status": {"capacity": {"cpu": "2", "memory": "4Gi"}}}
                """,
                """
                {"apiVersion": "apps/v1", "kind": "StatefulSet", "spec": {"volumeClaimTemplates": [{"spec": {}}]}}
                """);
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void applyingDefaultsTwiceChangesNothing(String manifest) {
        ObjectNode once = defaulted(manifest);
        ObjectNode twice = once.deepCopy();

        applyDefaults(twice);

        assertThat(twice).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyValueTheUserSetSurvives(String manifest) {
        JsonNode given = json(manifest);

        assertContains(defaulted(manifest), given, "");
    }

    @Test
    void fullySpecifiedDeploymentIsNotChanged() {
        String manifest = """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"replicas": 3, "revisionHistoryLimit": 2, "progressDeadlineSeconds": 120,
                  "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                  "selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}}, "spec": {
                    "restartPolicy": "Always", "terminationGracePeriodSeconds": 5, "dnsPolicy": "Default",
                    "securityContext": {"runAsNonRoot": true}, "schedulerName": "other",
                    "containers": [{"name": "web", "image": "nginx", "imagePullPolicy": "IfNotPresent",
                      "terminationMessagePath": "/tmp/log", "terminationMessagePolicy": "FallbackToLogsOnError",
                      "ports": [{"containerPort": 80, "protocol": "SCTP"}],
                      "livenessProbe": {"httpGet": {"port": 80, "path": "/healthz", "scheme": "HTTPS"},
                        "timeoutSeconds": 2, "periodSeconds": 3, "successThreshold": 1, "failureThreshold": 4}}],
                    "volumes": [{"name": "s", "secret": {"secretName": "s", "defaultMode": 384}},
                                {"name": "h", "hostPath": {"path": "/x", "type": "Directory"}}]}}}}
                """;

        assertThat(defaulted(manifest)).isEqualTo(json(manifest));
    }

    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        assertThat(actual).as("value at %s", path).isNotNull();
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                assertContains(actual.get(field.getKey()), field.getValue(), path + "/" + field.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as("length at %s", path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), path + "/" + i);
            }
        } else {
            assertThat(actual).as("value at %s", path).isEqualTo(expected);
        }
    }
}
