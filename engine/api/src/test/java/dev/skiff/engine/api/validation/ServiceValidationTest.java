package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceValidationTest {

    private static List<String> create(String spec) {
        return lines(Validation.validateCreate("", "v1", "Service", json("{'metadata':{'name':'s'},'spec':" + spec + "}")));
    }

    private static List<String> update(String spec, String oldSpec) {
        return lines(Validation.validateUpdate("", "v1", "Service", json("{'spec':" + spec + "}"),
                json("{'spec':" + oldSpec + "}")));
    }

    @Test
    void aServiceThatMissedDefaultingIsValid() {
        assertThat(create("{'selector':{'app':'web'},'ports':[{'port':80}]}")).isEmpty();
    }

    @Test
    void portsAreRequiredUnlessHeadlessOrExternalName() {
        assertThat(create("{'type':'ClusterIP'}")).containsExactly("spec.ports: Required value");
        assertThat(create("{'clusterIP':'None'}")).isEmpty();
        assertThat(create("{'type':'ExternalName','externalName':'db.example.com.'}")).isEmpty();
    }

    @Test
    void severalPortsNeedUniqueNames() {
        assertThat(create("{'ports':[{'port':80},{'name':'http','port':0,'targetPort':'8080','protocol':'HTTP'},"
                + "{'name':'http','port':443,'targetPort':70000}]}")).containsExactly(
                "spec.ports[0].name: Required value",
                "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.ports[1].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)",
                "spec.ports[2].name: Duplicate value: \"http\"",
                "spec.ports[2].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void typeAndSessionAffinityAreKnownValues() {
        assertThat(create("{'type':'Public','sessionAffinity':'Sticky','ports':[{'port':80}]}")).containsExactly(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
                "spec.type: Unsupported value: \"Public\": supported values: \"ClusterIP\", \"ExternalName\", "
                        + "\"LoadBalancer\", \"NodePort\"");
    }

    @Test
    void nodePortsBelongToNodePortAndLoadBalancerServicesInTheirRange() {
        assertThat(create("{'type':'ClusterIP','ports':[{'port':80,'nodePort':30080}]}")).containsExactly(
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        assertThat(create("{'type':'NodePort','ports':[{'port':80,'nodePort':80}]}")).containsExactly(
                "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. "
                        + "The range of valid ports is 30000-32767");
        assertThat(create("{'type':'NodePort','ports':[{'name':'a','port':80,'nodePort':30080},"
                + "{'name':'b','port':81,'nodePort':30080}]}")).containsExactly(
                "spec.ports[1].nodePort: Duplicate value: 30080");
    }

    @Test
    void duplicatePortsAreShownAsKubernetesDoes() {
        assertThat(create("{'ports':[{'name':'a','port':80},{'name':'b','port':80}]}")).containsExactly(
                "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", "
                        + "AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, "
                        + "StrVal:\"\"}, NodePort:0}");
    }

    @Test
    void externalNameServicesNeedADnsName() {
        assertThat(create("{'type':'ExternalName'}")).containsExactly("spec.externalName: Required value");
        assertThat(create("{'type':'ExternalName','externalName':'Db_Host','clusterIPs':['10.0.0.1']}")).containsExactly(
                "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
                "spec.externalName: Invalid value: \"Db_Host\": a lowercase RFC 1123 subdomain must consist of lower "
                        + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void clusterIpsMustBeAddresses() {
        assertThat(create("{'clusterIP':'10.0.0.300','ports':[{'port':80}]}")).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or "
                        + "2001:db8::ffff)");
    }

    @Test
    void theClusterIpMayNotChangeOnceSet() {
        assertThat(update("{'clusterIP':'10.96.0.11','clusterIPs':['10.96.0.10'],'ports':[{'port':80}]}",
                "{'clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],'ports':[{'port':80}]}")).containsExactly(
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set");
    }

    @Test
    void anUpdateThatLeavesAllocatedValuesOutKeepsThem() {
        assertThat(update("{'type':'NodePort','ports':[{'port':80}]}",
                "{'type':'NodePort','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],"
                        + "'ports':[{'port':80,'nodePort':30080}]}")).isEmpty();
    }

    @Test
    void changingTheTypeDropsFieldsThatNoLongerApply() {
        assertThat(update("{'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],"
                        + "'externalTrafficPolicy':'Cluster','ports':[{'port':80,'nodePort':30080}]}",
                "{'type':'NodePort','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],"
                        + "'externalTrafficPolicy':'Cluster','ports':[{'port':80,'nodePort':30080}]}")).isEmpty();
        assertThat(update("{'type':'ExternalName','externalName':'db.example.com','clusterIP':'10.96.0.10',"
                        + "'clusterIPs':['10.96.0.10'],'ports':[{'port':80}]}",
                "{'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],'ports':[{'port':80}]}"))
                .isEmpty();
    }

    @Test
    void aChangedNodePortOnAClusterIpServiceIsStillAnError() {
        assertThat(update("{'type':'ClusterIP','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30081}]}",
                "{'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}]}")).containsExactly(
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void externalTrafficPolicyOnlyForExternallyAccessibleServices() {
        assertThat(create("{'externalTrafficPolicy':'Local','ports':[{'port':80}]}")).containsExactly(
                "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services");
    }
}
