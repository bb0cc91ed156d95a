package dev.skiff.engine.api.defaults;

import static dev.skiff.engine.api.defaults.Manifests.defaulted;
import static dev.skiff.engine.api.defaults.Manifests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtherKindsDefaultsTest {

    @Test
    void secretIsOpaqueUnlessTyped() {
        assertThat(defaulted("{\"apiVersion\": \"v1\", \"kind\": \"Secret\"}").get("type").asText())
                .isEqualTo("Opaque");
        assertThat(defaulted("""
                {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls"}""").get("type").asText())
                .isEqualTo("kubernetes.io/tls");
    }

    @Test
    void namespaceIsLabelledWithItsNameAndActive() {
        ObjectNode namespace = defaulted("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "shop", "labels": {"team": "a", "kubernetes.io/metadata.name": "other"}}}
                """);

        assertThat(namespace).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "shop", "labels": {"team": "a", "kubernetes.io/metadata.name": "shop"}},
                 "status": {"phase": "Active"}}
                """));
    }

    @Test
    void namespaceWithOnlyGenerateNameGetsNoNameLabelYet() {
        ObjectNode namespace = defaulted("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"generateName": "test-"}}""");

        assertThat(namespace.at("/metadata").has("labels")).isFalse();
    }

    @Test
    void nodeCanAllocateItsWholeCapacityUnlessItSaysOtherwise() {
        ObjectNode node = defaulted("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
                 "status": {"capacity": {"cpu": 4, "memory": "16384Mi", "pods": "110"}}}
                """);

        assertThat(node.at("/status")).isEqualTo(json("""
                {"capacity": {"cpu": "4", "memory": "16Gi", "pods": "110"},
                 "allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"}}"""));
    }

    @Test
    void endpointsPortsAreTcp() {
        ObjectNode endpoints = defaulted("""
                {"apiVersion": "v1", "kind": "Endpoints", "subsets": [{"addresses": [{"ip": "10.0.0.1"}],
                 "ports": [{"port": 80}, {"port": 53, "protocol": "UDP"}]}]}""");

        assertThat(endpoints.at("/subsets/0/ports")).isEqualTo(json("""
                [{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]"""));
    }

    @Test
    void endpointSlicePortsAreUnnamedTcp() {
        ObjectNode slice = defaulted("""
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
                 "endpoints": [], "ports": [{"port": 80}, {"name": "dns", "port": 53, "protocol": "UDP"}]}""");

        assertThat(slice.get("ports")).isEqualTo(json("""
                [{"port": 80, "name": "", "protocol": "TCP"}, {"name": "dns", "port": 53, "protocol": "UDP"}]"""));
    }

    @Test
    void networkPolicyGovernsIngressAndEgressOnlyWhenItHasEgressRules() {
        ObjectNode ingressOnly = defaulted("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "spec": {"podSelector": {}, "ingress": [{"ports": [{"port": 80}]}]}}""");
        ObjectNode both = defaulted("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "spec": {"podSelector": {}, "egress": [{"ports": [{"port": 53, "protocol": "UDP"}]}]}}""");
        ObjectNode explicit = defaulted("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "spec": {"podSelector": {}, "policyTypes": ["Egress"]}}""");

        assertThat(ingressOnly.at("/spec/policyTypes")).isEqualTo(json("[\"Ingress\"]"));
        assertThat(ingressOnly.at("/spec/ingress/0/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(both.at("/spec/policyTypes")).isEqualTo(json("[\"Ingress\", \"Egress\"]"));
        assertThat(both.at("/spec/egress/0/ports/0/protocol").asText()).isEqualTo("UDP");
        assertThat(explicit.at("/spec/policyTypes")).isEqualTo(json("[\"Egress\"]"));
    }

    @Test
    void autoscalerWithoutMetricsAimsForEightyPercentCpu() {
        ObjectNode autoscaler = defaulted("""
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                 "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                          "maxReplicas": 5}}""");

        assertThat(autoscaler.get("spec")).isEqualTo(json("""
                {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "maxReplicas": 5, "minReplicas": 1,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                              "target": {"type": "Utilization", "averageUtilization": 80}}}]}"""));
    }

    @Test
    void autoscalerBehaviorThatIsGivenIsCompletedRuleByRule() {
        ObjectNode autoscaler = defaulted("""
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                 "spec": {"minReplicas": 2, "maxReplicas": 5,
                          "metrics": [{"type": "Pods", "pods": {"metric": {"name": "qps"},
                                       "target": {"type": "AverageValue", "averageValue": "1000m"}}}],
                          "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}}}""");

        assertThat(autoscaler.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(autoscaler.at("/spec/metrics/0/pods/target/averageValue").asText()).isEqualTo("1");
        assertThat(autoscaler.at("/spec/behavior")).isEqualTo(json("""
                {"scaleDown": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max",
                               "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]},
                 "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                             "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                          {"type": "Percent", "value": 100, "periodSeconds": 15}]}}"""));
    }

    @Test
    void autoscalerWithoutBehaviorGetsNone() {
        ObjectNode autoscaler = defaulted("""
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "spec": {"maxReplicas": 3}}""");

        assertThat(autoscaler.at("/spec").has("behavior")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"s\"}}",
        "{\"apiVersion\": \"v1\", \"kind\": \"Event\", \"metadata\": {\"name\": \"e\"}, \"reason\": \"Started\"}",
        "{\"apiVersion\": \"coordination.k8s.io/v1\", \"kind\": \"Lease\", \"spec\": {\"holderIdentity\": \"a\"}}",
        "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"Ingress\", \"spec\": {\"rules\": [{\"http\": "
                + "{\"paths\": [{\"path\": \"/\", \"backend\": {\"service\": {\"name\": \"w\", \"port\": {\"number\": 80}}}}]}}]}}",
        "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Widget\", \"spec\": {}}",
        "{\"apiVersion\": \"apps/v1beta1\", \"kind\": \"Deployment\", \"spec\": {}}"
    })
    void kindsWithoutVisibleDefaultsAreLeftAlone(String manifest) {
        assertThat(defaulted(manifest)).isEqualTo(json(manifest));
    }

    @Test
    void unknownKindsAreNotDefaulted() {
        assertThat(Defaults.appliesTo("example.com", "v1", "Widget")).isFalse();
        assertThat(Defaults.appliesTo("apps", "v1", "Deployment")).isTrue();
    }
}
