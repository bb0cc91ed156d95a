package dev.skiff.engine.api.defaults;

import static dev.skiff.engine.api.defaults.Manifests.defaulted;
import static dev.skiff.engine.api.defaults.Manifests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ServiceDefaultsTest {

    @Test
    void serviceWithAPortAndNoTargetPortTargetsThatPort() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                 "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}
                """);

        // clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy come later, from the registry's allocator.
        assertThat(service).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                 "spec": {"selector": {"app": "web"},
                          "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
                          "sessionAffinity": "None", "type": "ClusterIP",
                          "internalTrafficPolicy": "Cluster"}}
                """));
    }

    @Test
    void targetPortTheUserSetIsKeptWhetherNumberOrName() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"ports": [
                  {"name": "http", "port": 80, "targetPort": "http"},
                  {"name": "dns", "port": 53, "targetPort": 5353, "protocol": "UDP"},
                  {"name": "zero", "port": 81, "targetPort": 0}]}}
                """);

        assertThat(service.at("/spec/ports")).isEqualTo(json("""
                [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"},
                 {"name": "dns", "port": 53, "targetPort": 5353, "protocol": "UDP"},
                 {"name": "zero", "port": 81, "targetPort": 81, "protocol": "TCP"}]"""));
    }

    @Test
    void nodePortAndLoadBalancerServicesGetExternalTrafficPolicyCluster() {
        ObjectNode nodePort = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"type": "NodePort", "ports": [{"port": 80}]}}""");
        ObjectNode loadBalancer = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]},
                 "status": {"loadBalancer": {"ingress": [{"ip": "10.0.0.9"}, {"hostname": "lb.example.com"}]}}}""");

        assertThat(nodePort.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(nodePort.at("/spec/internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(nodePort.at("/spec").has("allocateLoadBalancerNodePorts")).isFalse();
        assertThat(loadBalancer.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(loadBalancer.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isTrue();
        assertThat(loadBalancer.at("/status/loadBalancer/ingress")).isEqualTo(json("""
                [{"ip": "10.0.0.9", "ipMode": "VIP"}, {"hostname": "lb.example.com"}]"""));
    }

    @Test
    void clusterIpServiceWithExternalIpsIsExternallyAccessible() {
        ObjectNode withExternalIps = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"externalIPs": ["192.0.2.1"]}}""");
        ObjectNode plain = defaulted("{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"spec\": {}}");

        assertThat(withExternalIps.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(plain.at("/spec").has("externalTrafficPolicy")).isFalse();
    }

    @Test
    void externalNameServiceGetsNoTrafficPolicies() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service",
                 "spec": {"type": "ExternalName", "externalName": "db.example.com"}}""");

        assertThat(service.get("spec")).isEqualTo(json("""
                {"type": "ExternalName", "externalName": "db.example.com", "sessionAffinity": "None"}"""));
    }

    @Test
    void clientIpAffinityStaysStickyForThreeHours() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"sessionAffinity": "ClientIP"}}""");
        ObjectNode custom = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"sessionAffinity": "ClientIP",
                 "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 60}}}}""");

        assertThat(service.at("/spec/sessionAffinityConfig")).isEqualTo(json("""
                {"clientIP": {"timeoutSeconds": 10800}}"""));
        assertThat(custom.at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void affinityConfigWithoutAffinityIsDropped() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service",
                 "spec": {"sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 60}}}}""");

        assertThat(service.at("/spec").has("sessionAffinityConfig")).isFalse();
    }

    @Test
    void trafficPoliciesTheUserSetAreKept() {
        ObjectNode service = defaulted("""
                {"apiVersion": "v1", "kind": "Service", "spec": {"type": "LoadBalancer",
                 "externalTrafficPolicy": "Local", "internalTrafficPolicy": "Local",
                 "allocateLoadBalancerNodePorts": false}}""");

        assertThat(service.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(service.at("/spec/internalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(service.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isFalse();
    }
}
