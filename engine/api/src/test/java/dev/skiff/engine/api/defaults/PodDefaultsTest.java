package dev.skiff.engine.api.defaults;

import static dev.skiff.engine.api.defaults.Manifests.defaulted;
import static dev.skiff.engine.api.defaults.Manifests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PodDefaultsTest {

    private static ObjectNode podWithContainer(String container) {
        return defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                 "spec": {"containers": [%s]}}
                """.formatted(container));
    }

    private static String pullPolicyOf(String image) {
        return podWithContainer("{\"name\": \"c\", \"image\": \"" + image + "\"}")
                .at("/spec/containers/0/imagePullPolicy").asText();
    }

    @Test
    void minimalPodLooksAsA132ClusterShowsItBeforeAdmission() {
        ObjectNode pod = podWithContainer("{\"name\": \"nginx\", \"image\": \"nginx\"}");

        assertThat(pod).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                 "spec": {
                   "containers": [{"name": "nginx", "image": "nginx", "imagePullPolicy": "Always",
                                   "terminationMessagePath": "/dev/termination-log",
                                   "terminationMessagePolicy": "File"}],
                   "enableServiceLinks": true,
                   "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                   "dnsPolicy": "ClusterFirst", "securityContext": {}, "schedulerName": "default-scheduler"}}
                """));
    }

    @Test
    void imageWithoutTagOrWithLatestIsAlwaysPulled() {
        assertThat(pullPolicyOf("nginx")).isEqualTo("Always");
        assertThat(pullPolicyOf("nginx:latest")).isEqualTo("Always");
        assertThat(pullPolicyOf("registry.example.com:5000/team/app")).isEqualTo("Always");
        assertThat(pullPolicyOf("localhost:5000/app:latest")).isEqualTo("Always");
    }

    @Test
    void imageWithAnotherTagOrADigestIsPulledIfNotPresent() {
        assertThat(pullPolicyOf("nginx:1.25")).isEqualTo("IfNotPresent");
        assertThat(pullPolicyOf("localhost:5000/app:v2")).isEqualTo("IfNotPresent");
        assertThat(pullPolicyOf("nginx@sha256:" + "a".repeat(64))).isEqualTo("IfNotPresent");
        assertThat(pullPolicyOf("nginx:latest@sha256:" + "a".repeat(64))).isEqualTo("Always");
    }

    @Test
    void imageThatDoesNotParseIsPulledIfNotPresent() {
        assertThat(pullPolicyOf("Nginx")).isEqualTo("IfNotPresent");
        assertThat(pullPolicyOf("")).isEqualTo("IfNotPresent");
        assertThat(pullPolicyOf("a".repeat(64))).isEqualTo("IfNotPresent");
        assertThat(podWithContainer("{\"name\": \"c\"}").at("/spec/containers/0/imagePullPolicy").asText())
                .isEqualTo("IfNotPresent");
    }

    @Test
    void pullPolicyTheUserSetIsKept() {
        ObjectNode pod = podWithContainer("{\"name\": \"c\", \"image\": \"nginx\", \"imagePullPolicy\": \"Never\"}");

        assertThat(pod.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void probesGetTimingsAndHttpGetGetsPathAndScheme() {
        ObjectNode pod = podWithContainer("""
                {"name": "c", "image": "app:1",
                 "livenessProbe": {"httpGet": {"port": 8080}},
                 "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 5},
                 "startupProbe": {"grpc": {"port": 9090}, "failureThreshold": 30}}
                """);

        JsonNode container = pod.at("/spec/containers/0");
        assertThat(container.get("livenessProbe")).isEqualTo(json("""
                {"httpGet": {"port": 8080, "path": "/", "scheme": "HTTP"},
                 "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}
                """));
        assertThat(container.get("readinessProbe")).isEqualTo(json("""
                {"tcpSocket": {"port": 8080},
                 "timeoutSeconds": 1, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3}
                """));
        assertThat(container.get("startupProbe")).isEqualTo(json("""
                {"grpc": {"port": 9090, "service": ""},
                 "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 30}
                """));
    }

    @Test
    void lifecycleHttpHooksGetPathAndScheme() {
        ObjectNode pod = podWithContainer("""
                {"name": "c", "image": "app:1", "lifecycle": {"preStop": {"httpGet": {"port": 80, "path": "/stop"}}}}
                """);

        assertThat(pod.at("/spec/containers/0/lifecycle/preStop/httpGet")).isEqualTo(json("""
                {"port": 80, "path": "/stop", "scheme": "HTTP"}"""));
    }

    @Test
    void portsAreTcpAndFieldRefsReadV1() {
        ObjectNode pod = podWithContainer("""
                {"name": "c", "image": "app:1",
                 "ports": [{"containerPort": 53, "protocol": "UDP"}, {"containerPort": 80}],
                 "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                         {"name": "PLAIN", "value": "x"}]}
                """);

        assertThat(pod.at("/spec/containers/0/ports")).isEqualTo(json("""
                [{"containerPort": 53, "protocol": "UDP"}, {"containerPort": 80, "protocol": "TCP"}]"""));
        assertThat(pod.at("/spec/containers/0/env")).isEqualTo(json("""
                [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName", "apiVersion": "v1"}}},
                 {"name": "PLAIN", "value": "x"}]"""));
    }

    @Test
    void initAndEphemeralContainersAreDefaultedLikeContainers() {
        ObjectNode pod = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {
                  "initContainers": [{"name": "init", "image": "busybox:1.36"}],
                  "containers": [{"name": "c", "image": "app:1"}],
                  "ephemeralContainers": [{"name": "debug", "image": "busybox"}]}}
                """);

        assertThat(pod.at("/spec/initContainers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(pod.at("/spec/initContainers/0/terminationMessagePolicy").asText()).isEqualTo("File");
        assertThat(pod.at("/spec/ephemeralContainers/0/imagePullPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void volumesGetModesAndEmptySourcesBecomeEmptyDir() {
        ObjectNode pod = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [], "volumes": [
                  {"name": "scratch"},
                  {"name": "cache", "emptyDir": {"sizeLimit": "0.5Gi"}},
                  {"name": "config", "configMap": {"name": "app"}},
                  {"name": "creds", "secret": {"secretName": "app", "defaultMode": 256}},
                  {"name": "host", "hostPath": {"path": "/var/log"}},
                  {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                  {"name": "all", "projected": {"sources": [
                    {"serviceAccountToken": {"path": "token"}},
                    {"downwardAPI": {"items": [{"path": "ns", "fieldRef": {"fieldPath": "metadata.namespace"}}]}}]}},
                  {"name": "claim", "persistentVolumeClaim": {"claimName": "data"}}]}}
                """);

        assertThat(pod.at("/spec/volumes")).isEqualTo(json("""
                [{"name": "scratch", "emptyDir": {}},
                 {"name": "cache", "emptyDir": {"sizeLimit": "512Mi"}},
                 {"name": "config", "configMap": {"name": "app", "defaultMode": 420}},
                 {"name": "creds", "secret": {"secretName": "app", "defaultMode": 256}},
                 {"name": "host", "hostPath": {"path": "/var/log", "type": ""}},
                 {"name": "info", "downwardAPI": {"defaultMode": 420, "items": [
                   {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels", "apiVersion": "v1"}}]}},
                 {"name": "all", "projected": {"defaultMode": 420, "sources": [
                   {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}},
                   {"downwardAPI": {"items": [
                     {"path": "ns", "fieldRef": {"fieldPath": "metadata.namespace", "apiVersion": "v1"}}]}}]}},
                 {"name": "claim", "persistentVolumeClaim": {"claimName": "data"}}]
                """));
    }

    @Test
    void ephemeralVolumeClaimIsAFileSystem() {
        ObjectNode pod = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"volumes": [{"name": "tmp", "ephemeral":
                  {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"]}}}}]}}
                """);

        assertThat(pod.at("/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/volumeMode").asText())
                .isEqualTo("Filesystem");
    }

    @Test
    void limitsWithoutRequestsBecomeRequestsInCanonicalForm() {
        ObjectNode pod = podWithContainer("""
                {"name": "c", "image": "app:1",
                 "resources": {"limits": {"cpu": "0.5", "memory": "1024Mi"}, "requests": {"cpu": "100m"}}}
                """);

        assertThat(pod.at("/spec/containers/0/resources")).isEqualTo(json("""
                {"limits": {"cpu": "500m", "memory": "1Gi"}, "requests": {"cpu": "100m", "memory": "1Gi"}}"""));
    }

    @Test
    void hostNetworkPodPublishesContainerPortsOnTheHost() {
        ObjectNode pod = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"hostNetwork": true, "containers": [
                  {"name": "c", "image": "app:1", "ports": [{"containerPort": 8080}, {"containerPort": 9090, "hostPort": 9091}]}]}}
                """);

        assertThat(pod.at("/spec/containers/0/ports")).isEqualTo(json("""
                [{"containerPort": 8080, "hostPort": 8080, "protocol": "TCP"},
                 {"containerPort": 9090, "hostPort": 9091, "protocol": "TCP"}]"""));
    }

    @Test
    void serviceLinksTheUserTurnedOffStayOff() {
        ObjectNode pod = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"enableServiceLinks": false,
                 "terminationGracePeriodSeconds": 0, "restartPolicy": "Never", "dnsPolicy": "Default",
                 "schedulerName": "mine", "securityContext": {"runAsUser": 1000}, "containers": []}}
                """);

        assertThat(pod.get("spec")).isEqualTo(json("""
                {"enableServiceLinks": false, "terminationGracePeriodSeconds": 0, "restartPolicy": "Never",
                 "dnsPolicy": "Default", "schedulerName": "mine", "securityContext": {"runAsUser": 1000},
                 "containers": []}"""));
    }

    @Test
    void deprecatedServiceAccountFieldMirrorsTheName() {
        ObjectNode named = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"serviceAccountName": "builder"}}""");
        ObjectNode old = defaulted("""
                {"apiVersion": "v1", "kind": "Pod", "spec": {"serviceAccount": "legacy"}}""");

        assertThat(named.at("/spec/serviceAccount").asText()).isEqualTo("builder");
        assertThat(old.at("/spec/serviceAccountName").asText()).isEqualTo("legacy");
    }
}
