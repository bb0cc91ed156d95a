package dev.skiff.engine.api.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spot checks of the strategy table against the k8s.io/api v0.32 struct tags. */
class PatchStrategiesTest {

    private static PatchSchema kind(String group, String kind) {
        return PatchStrategies.forKind(group, kind).orElseThrow();
    }

    private static PatchField podSpecField(String name) {
        return kind("", "Pod").field("spec").schema().field(name);
    }

    @Test
    void knowsEveryBuiltInKindSkiffServes() {
        String[][] kinds = {
                {"", "Pod"}, {"", "Service"}, {"", "Endpoints"}, {"", "ConfigMap"}, {"", "Secret"}, {"", "Event"},
                {"", "ServiceAccount"}, {"", "Namespace"}, {"", "Node"}, {"apps", "Deployment"}, {"apps", "ReplicaSet"},
                {"batch", "Job"}, {"networking.k8s.io", "Ingress"}, {"networking.k8s.io", "NetworkPolicy"},
                {"autoscaling", "HorizontalPodAutoscaler"}, {"discovery.k8s.io", "EndpointSlice"},
                {"coordination.k8s.io", "Lease"}};
        for (String[] groupKind : kinds) {
            assertThat(PatchStrategies.forKind(groupKind[0], groupKind[1])).as("%s/%s", groupKind[0], groupKind[1])
                    .isPresent();
        }
    }

    @Test
    void hasNoStrategiesForCustomResources() {
        assertThat(PatchStrategies.forKind("stable.example.com", "CronTab")).isEmpty();
        assertThat(PatchStrategies.forKind("", "Deployment")).isEmpty();
    }

    @Test
    void everyKindMergesOwnerReferencesByUidAndFinalizersAsASet() {
        for (String[] groupKind : new String[][] {{"", "ConfigMap"}, {"apps", "Deployment"}, {"coordination.k8s.io", "Lease"}}) {
            PatchSchema metadata = kind(groupKind[0], groupKind[1]).field("metadata").schema();
            assertThat(metadata.field("ownerReferences")).isEqualTo(new PatchField(true, false, "uid", PatchSchema.UNTAGGED));
            assertThat(metadata.field("finalizers").merge()).isTrue();
            assertThat(metadata.field("finalizers").hasMergeKey()).isFalse();
            assertThat(metadata.field("labels")).isEqualTo(PatchField.UNTAGGED);
        }
    }

    @Test
    void podSpecListsCarryTheirMergeKeys() {
        assertThat(podSpecField("containers").mergeKey()).isEqualTo("name");
        assertThat(podSpecField("initContainers").mergeKey()).isEqualTo("name");
        assertThat(podSpecField("ephemeralContainers").mergeKey()).isEqualTo("name");
        assertThat(podSpecField("imagePullSecrets").mergeKey()).isEqualTo("name");
        assertThat(podSpecField("hostAliases").mergeKey()).isEqualTo("ip");
        assertThat(podSpecField("topologySpreadConstraints").mergeKey()).isEqualTo("topologyKey");
        assertThat(podSpecField("volumes")).isEqualTo(new PatchField(true, true, "name", PatchSchema.UNTAGGED));
        assertThat(podSpecField("resourceClaims").retainKeys()).isTrue();
        assertThat(podSpecField("tolerations").merge()).isFalse();
    }

    @Test
    void containerListsCarryTheirMergeKeys() {
        PatchSchema container = podSpecField("containers").schema();
        assertThat(container.field("ports").mergeKey()).isEqualTo("containerPort");
        assertThat(container.field("env").mergeKey()).isEqualTo("name");
        assertThat(container.field("volumeMounts").mergeKey()).isEqualTo("mountPath");
        assertThat(container.field("volumeDevices").mergeKey()).isEqualTo("devicePath");
        assertThat(container.field("envFrom").merge()).isFalse();
        assertThat(container.field("command").merge()).isFalse();
        assertThat(podSpecField("ephemeralContainers").schema().field("env").mergeKey()).isEqualTo("name");
    }

    @Test
    void workloadsCarryThePodSpecInTheirTemplates() {
        PatchField containers = podSpecField("containers");
        assertThat(kind("apps", "Deployment").field("spec").schema().field("template").schema()
                .field("spec").schema().field("containers")).isEqualTo(containers);
        assertThat(kind("apps", "ReplicaSet").field("spec").schema().field("template").schema()
                .field("spec").schema().field("containers")).isEqualTo(containers);
        assertThat(kind("batch", "Job").field("spec").schema().field("template").schema()
                .field("spec").schema().field("containers")).isEqualTo(containers);
    }

    @Test
    void deploymentStrategyRetainsKeys() {
        PatchField strategy = kind("apps", "Deployment").field("spec").schema().field("strategy");
        assertThat(strategy.retainKeys()).isTrue();
        assertThat(strategy.merge()).isFalse();
    }

    @Test
    void statusConditionsMergeByTypeWhereKubernetesTagsThem() {
        for (String[] groupKind : new String[][] {{"", "Pod"}, {"", "Service"}, {"", "Namespace"}, {"", "Node"},
                {"apps", "Deployment"}, {"apps", "ReplicaSet"}, {"batch", "Job"}, {"autoscaling", "HorizontalPodAutoscaler"}}) {
            assertThat(kind(groupKind[0], groupKind[1]).field("status").schema().field("conditions").mergeKey())
                    .as("%s/%s", groupKind[0], groupKind[1]).isEqualTo("type");
        }
    }

    @Test
    void otherTaggedFieldsOfCoreKinds() {
        assertThat(kind("", "Service").field("spec").schema().field("ports").mergeKey()).isEqualTo("port");
        assertThat(kind("", "Service").field("spec").schema().field("externalIPs").merge()).isFalse();
        assertThat(kind("", "ServiceAccount").field("secrets").mergeKey()).isEqualTo("name");
        assertThat(kind("", "Node").field("status").schema().field("addresses").mergeKey()).isEqualTo("type");
        assertThat(kind("", "Node").field("spec").schema().field("podCIDRs").merge()).isTrue();
        assertThat(kind("", "Pod").field("status").schema().field("podIPs").mergeKey()).isEqualTo("ip");
        assertThat(kind("", "Pod").field("status").schema().field("hostIPs").mergeKey()).isEqualTo("ip");
    }

    @Test
    void kindsWithoutTaggedFieldsBesidesMetadataReplaceTheirLists() {
        assertThat(kind("networking.k8s.io", "Ingress").field("spec")).isEqualTo(PatchField.UNTAGGED);
        assertThat(kind("discovery.k8s.io", "EndpointSlice").field("endpoints")).isEqualTo(PatchField.UNTAGGED);
        assertThat(kind("", "Endpoints").field("subsets")).isEqualTo(PatchField.UNTAGGED);
    }
}
