package dev.skiff.engine.api.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectSchemaTest {

    @Test
    void findsEveryServedKindByGroupVersionKind() {
        String[][] kinds = {
                {"", "v1", "Pod"}, {"", "v1", "Service"}, {"", "v1", "Endpoints"}, {"", "v1", "ConfigMap"},
                {"", "v1", "Secret"}, {"", "v1", "Event"}, {"", "v1", "ServiceAccount"}, {"", "v1", "Namespace"},
                {"", "v1", "Node"}, {"apps", "v1", "Deployment"}, {"apps", "v1", "ReplicaSet"}, {"batch", "v1", "Job"},
                {"networking.k8s.io", "v1", "Ingress"}, {"networking.k8s.io", "v1", "NetworkPolicy"},
                {"autoscaling", "v2", "HorizontalPodAutoscaler"}, {"discovery.k8s.io", "v1", "EndpointSlice"},
                {"coordination.k8s.io", "v1", "Lease"}, {"autoscaling", "v1", "Scale"}};
        for (String[] gvk : kinds) {
            assertThat(ObjectSchema.forKind(gvk[0], gvk[1], gvk[2])).as(String.join("/", gvk)).isPresent();
        }
    }

    @Test
    void namesDefinitionsAsKubernetesDoes() {
        assertThat(ObjectSchema.forKind("apps", "v1", "Deployment").orElseThrow().definitionName())
                .isEqualTo("io.k8s.api.apps.v1.Deployment");
        assertThat(ObjectSchema.forKind("", "v1", "Pod").orElseThrow().definitionName())
                .isEqualTo("io.k8s.api.core.v1.Pod");
        assertThat(ObjectSchema.forKind("autoscaling", "v2", "HorizontalPodAutoscaler").orElseThrow().definitionName())
                .isEqualTo("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler");
        StructSchema deployment = ObjectSchema.forKind("apps", "v1", "Deployment").orElseThrow().root();
        assertThat(((StructSchema) deployment.fields().get("metadata")).definitionName())
                .isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }

    @Test
    void unknownKindsAndListKindsHaveNoSchema() {
        assertThat(ObjectSchema.forKind("example.com", "v1", "Widget")).isEmpty();
        assertThat(ObjectSchema.forKind("apps", "v1", "DeploymentList")).isEmpty();
        assertThat(ObjectSchema.forKind("apps", "v2", "Deployment")).isEmpty();
    }

    @Test
    void deleteOptionsIsKnownInEveryGroupVersion() {
        assertThat(ObjectSchema.forKind("", "v1", "DeleteOptions").orElseThrow().root().fields())
                .containsKeys("propagationPolicy", "gracePeriodSeconds", "preconditions", "dryRun");
        assertThat(ObjectSchema.forKind("apps", "v1", "DeleteOptions")).isPresent();
    }

    @Test
    void fieldsAreJacksonPropertiesWithoutTheAdditionalPropertiesMap() {
        StructSchema deployment = ObjectSchema.forKind("apps", "v1", "Deployment").orElseThrow().root();
        assertThat(deployment.fields().keySet()).containsExactly("apiVersion", "kind", "metadata", "spec", "status");
        StructSchema container = container();
        assertThat(container.fields()).containsKeys("name", "image", "ports", "env", "resources")
                .doesNotContainKey("additionalProperties");
    }

    @Test
    void knowsListContentMapValuesAndKubernetesScalars() {
        StructSchema container = container();
        assertThat(container.goType()).isEqualTo("v1.Container");
        assertThat(container.field("args").orElseThrow()).isEqualTo(new ListSchema(ScalarSchema.STRING));
        StructSchema resources = (StructSchema) container.field("resources").orElseThrow();
        assertThat(resources.field("limits").orElseThrow()).isEqualTo(new MapSchema(ScalarSchema.QUANTITY));
        StructSchema port = (StructSchema) ((ListSchema) container.field("ports").orElseThrow()).items();
        assertThat(port.field("containerPort").orElseThrow()).isEqualTo(ScalarSchema.INT32);
        StructSchema rollingUpdate = (StructSchema) ((StructSchema) spec("apps", "Deployment").field("strategy")
                .orElseThrow()).field("rollingUpdate").orElseThrow();
        assertThat(rollingUpdate.field("maxSurge").orElseThrow()).isEqualTo(ScalarSchema.INT_OR_STRING);
        StructSchema leaseSpec = spec("coordination.k8s.io", "Lease");
        assertThat(leaseSpec.field("renewTime").orElseThrow()).isEqualTo(ScalarSchema.MICRO_TIME);
    }

    @Test
    void managedFieldsContentIsFreeForm() {
        StructSchema metadata = (StructSchema) ObjectSchema.forKind("", "v1", "Pod").orElseThrow().root()
                .field("metadata").orElseThrow();
        StructSchema entry = (StructSchema) ((ListSchema) metadata.field("managedFields").orElseThrow()).items();
        assertThat(entry.field("fieldsV1").orElseThrow()).isInstanceOf(FreeFormSchema.class);
    }

    @Test
    void repeatedLookupsReturnTheCachedSchema() {
        assertThat(ObjectSchema.forKind("", "v1", "Pod").orElseThrow())
                .isSameAs(ObjectSchema.forKind("", "v1", "Pod").orElseThrow());
    }

    private static StructSchema spec(String group, String kind) {
        return (StructSchema) ObjectSchema.forKind(group, "v1", kind).orElseThrow().root().field("spec").orElseThrow();
    }

    private static StructSchema container() {
        StructSchema podSpec = spec("", "Pod");
        return (StructSchema) ((ListSchema) podSpec.field("containers").orElseThrow()).items();
    }
}
