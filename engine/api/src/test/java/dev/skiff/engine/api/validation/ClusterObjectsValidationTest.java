package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterObjectsValidationTest {

    private static List<String> create(String group, String version, String kind, String object) {
        return lines(Validation.validateCreate(group, version, kind, json(object)));
    }

    @Test
    void autoscalerBoundsAndTarget() {
        assertThat(create("autoscaling", "v2", "HorizontalPodAutoscaler",
                "{'spec':{'minReplicas':0,'maxReplicas':0,'scaleTargetRef':{'kind':'Deployment'}}}")).containsExactly(
                "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                "spec.maxReplicas: Invalid value: 0: must be greater than 0",
                "spec.scaleTargetRef.name: Required value",
                "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to "
                        + "zero replicas");
        assertThat(create("autoscaling", "v2", "HorizontalPodAutoscaler",
                "{'spec':{'minReplicas':5,'maxReplicas':3,'scaleTargetRef':{'kind':'Deployment','name':'web'}}}"))
                .containsExactly("spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`");
    }

    @Test
    void autoscalerMetricsNeedATarget() {
        assertThat(create("autoscaling", "v2", "HorizontalPodAutoscaler", "{'spec':{'maxReplicas':3,"
                + "'scaleTargetRef':{'kind':'Deployment','name':'web'},'metrics':[{'type':'Resource','resource':"
                + "{'name':'cpu','target':{}}}]}}")).containsExactly(
                "spec.metrics[0].resource.target.type: Required value: must specify a metric target type",
                "spec.metrics[0].resource.target.type: Invalid value: \"\": must be either Utilization, Value, or AverageValue",
                "spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw "
                        + "value or a target utilization");
    }

    @Test
    void anAutoscalingV1TargetIsReportedWhereKubernetesReportsIt() {
        assertThat(create("autoscaling", "v1", "HorizontalPodAutoscaler", "{'spec':{'maxReplicas':3,"
                + "'scaleTargetRef':{'kind':'Deployment','name':'web'},'targetCPUUtilizationPercentage':0}}"))
                .containsExactly("spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be "
                        + "greater than 0");
    }

    @Test
    void endpointSliceAddressesMatchTheirType() {
        assertThat(create("discovery.k8s.io", "v1", "EndpointSlice", "{'addressType':'IPv4','endpoints':["
                + "{'addresses':['127.0.0.5']},{'addresses':[]},{'addresses':['fd00::1','0.0.0.0']}],"
                + "'ports':[{'name':'http','port':80,'protocol':'TCP'},{'name':'http','port':81}]}")).containsExactly(
                "endpoints[1].addresses: Required value: must contain at least 1 address",
                "endpoints[2].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address",
                "endpoints[2].addresses[1]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)",
                "ports[1].name: Duplicate value: \"http\"");
        assertThat(create("discovery.k8s.io", "v1", "EndpointSlice", "{'addressType':'IP'}")).containsExactly(
                "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
    }

    @Test
    void endpointsNeedAddresses() {
        assertThat(create("", "v1", "Endpoints", "{'subsets':[{'ports':[{'port':80}]},{'addresses':[{'ip':'x'}],"
                + "'ports':[{'port':80},{'name':'b','port':81,'protocol':'ICMP'}]}]}")).containsExactly(
                "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
                "subsets[1].addresses[0].ip: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or "
                        + "2001:db8::ffff)",
                "subsets[1].addresses[0].ip: Invalid value: \"x\": must be a valid IP address",
                "subsets[1].ports[0].name: Required value",
                "subsets[1].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void leasesHavePositiveDurations() {
        assertThat(create("coordination.k8s.io", "v1", "Lease",
                "{'spec':{'holderIdentity':'a','leaseDurationSeconds':0,'leaseTransitions':-1}}")).containsExactly(
                "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
                "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void namespaceFinalizersAreQualifiedNames() {
        assertThat(create("", "v1", "Namespace", "{'spec':{'finalizers':['kubernetes','cleanup','example.com/x']}}"))
                .containsExactly("spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer "
                        + "name nor is it fully qualified");
        assertThat(Validation.validateUpdate("", "v1", "Namespace", json("{}"), json("{}"))).isEmpty();
    }

    @Test
    void nodeTaintsAndCidrs() {
        assertThat(create("", "v1", "Node", "{'spec':{'podCIDRs':['10.0.0.0/24','nope'],'taints':["
                + "{'key':'k','effect':'Sometimes'},{'key':'k','effect':'NoSchedule'},{'key':'k','effect':'NoSchedule'}]}}"))
                .containsExactly(
                        "metadata.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
                                + "\"PreferNoSchedule\", \"NoExecute\"",
                        "metadata.taints[2]: Duplicate value: core.Taint{Key:\"k\", Value:\"\", Effect:\"NoSchedule\", "
                                + "TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair",
                        "spec.podCIDRs[1]: Invalid value: \"nope\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or "
                                + "2001:db8::/64)");
    }

    @Test
    void eventsFollowLegacyAndEventsApiRules() {
        assertThat(create("", "v1", "Event", "{'metadata':{'namespace':'shop'},'involvedObject':{'namespace':'other'}}"))
                .containsExactly("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
        assertThat(create("events.k8s.io", "v1", "Event", "{'metadata':{'namespace':'shop'},'eventTime':"
                + "'2025-01-01T00:00:00.000000Z','regarding':{'namespace':'shop'},'reportingController':'skiff.dev/x',"
                + "'reportingInstance':'i','action':'Scale','reason':'Up','type':'Info','deprecatedCount':3}"))
                .containsExactly(
                        "type: Invalid value: \"\": has invalid value: Info",
                        "count: Invalid value: \"\": needs to be unset");
    }

    @Test
    void serviceAccountsAndUnknownKindsHaveNoFieldRules() {
        assertThat(create("", "v1", "ServiceAccount", "{'secrets':[{'name':'x'}]}")).isEmpty();
        assertThat(create("example.com", "v1", "Widget", "{'spec':{'anything':true}}")).isEmpty();
    }
}
