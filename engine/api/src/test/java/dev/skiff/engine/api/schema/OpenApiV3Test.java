package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiV3Test {

    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    private static final Map<String, List<ApiResource>> RESOURCES = Map.of(
            "v1", List.of(
                    ApiResource.of("pods", true, "Pod", ALL_VERBS),
                    ApiResource.of("pods/status", true, "Pod", STATUS_VERBS),
                    ApiResource.of("pods/log", true, "Pod", List.of("get")),
                    ApiResource.of("pods/exec", true, "PodExecOptions", List.of("create", "get")),
                    ApiResource.of("namespaces", false, "Namespace", List.of("create", "delete", "get", "list",
                            "patch", "update", "watch")),
                    ApiResource.of("configmaps", true, "ConfigMap", ALL_VERBS)),
            "apps/v1", List.of(
                    ApiResource.of("deployments", true, "Deployment", ALL_VERBS),
                    ApiResource.of("deployments/status", true, "Deployment", STATUS_VERBS),
                    new ApiResource("deployments/scale", true, "autoscaling", "v1", "Scale", STATUS_VERBS),
                    ApiResource.of("replicasets", true, "ReplicaSet", ALL_VERBS)),
            "example.com/v1", List.of(ApiResource.of("widgets", true, "Widget", ALL_VERBS)));

    private static final OpenApiV3 OPENAPI = OpenApiV3.of("v1.32.0", RESOURCES);

    @Test
    void discoveryDocumentPointsAtEachGroupVersionWithItsHash() {
        ObjectNode root = OPENAPI.root();
        OpenApiDocument apps = OPENAPI.document("apps/v1").orElseThrow();

        assertThat(root.get("paths").properties()).extracting(Map.Entry::getKey)
                .containsExactly("api/v1", "apis/apps/v1", "apis/example.com/v1");
        assertThat(root.at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
                .isEqualTo("/openapi/v3/apis/apps/v1?hash=" + apps.hash());
        assertThat(apps.hash()).matches("[0-9A-F]{128}");
        assertThat(OPENAPI.documentAt("api/v1")).contains(OPENAPI.document("v1").orElseThrow());
    }

    @Test
    void hashesAreStableAndFollowTheContent() {
        OpenApiV3 again = OpenApiV3.of("v1.32.0", RESOURCES);
        OpenApiV3 fewer = OpenApiV3.of("v1.32.0", Map.of("apps/v1", RESOURCES.get("apps/v1").subList(0, 1)));

        assertThat(again.root()).isEqualTo(OPENAPI.root());
        assertThat(fewer.document("apps/v1").orElseThrow().hash())
                .isNotEqualTo(OPENAPI.document("apps/v1").orElseThrow().hash());
    }

    @Test
    void deploymentWritesCarryFieldValidationAndTheirKind() {
        JsonNode paths = apps().get("paths");
        JsonNode item = paths.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        JsonNode collection = paths.get("/apis/apps/v1/namespaces/{namespace}/deployments");

        for (JsonNode operation : List.of(item.get("patch"), item.get("put"), collection.get("post"))) {
            assertThat(parameterNames(operation)).contains("fieldValidation", "fieldManager", "dryRun");
            assertThat(operation.get("x-kubernetes-group-version-kind"))
                    .isEqualTo(OpenApiSchemas.gvk("apps", "v1", "Deployment"));
        }
        assertThat(parameterNames(item.get("patch"))).contains("force");
        assertThat(item.at("/patch/x-kubernetes-action").asText()).isEqualTo("patch");
        assertThat(item.at("/get/x-kubernetes-action").asText()).isEqualTo("get");
        assertThat(item.at("/delete/x-kubernetes-action").asText()).isEqualTo("delete");
        assertThat(collection.at("/get/x-kubernetes-action").asText()).isEqualTo("list");
        assertThat(collection.at("/delete/x-kubernetes-action").asText()).isEqualTo("deletecollection");
        assertThat(item.at("/patch/requestBody/content").has("application/strategic-merge-patch+json")).isTrue();
        assertThat(paths.has("/apis/apps/v1/deployments")).isTrue();
    }

    @Test
    void everyPatchOfAKindAcceptsFieldValidationBecauseKubectlChecksTheFirstItFinds() {
        for (String groupVersion : RESOURCES.keySet()) {
            JsonNode paths = OPENAPI.document(groupVersion).orElseThrow().json().get("paths");
            paths.properties().forEach(path -> {
                if (path.getValue().has("patch")) {
                    assertThat(parameterNames(path.getValue().get("patch"))).as(path.getKey()).contains("fieldValidation");
                }
            });
        }
    }

    @Test
    void namespacePatchSupportsFieldValidationForCustomResourceFallback() {
        JsonNode namespace = core().at("/paths/~1api~1v1~1namespaces~1{name}/patch");

        assertThat(parameterNames(namespace)).contains("fieldValidation");
        assertThat(namespace.get("x-kubernetes-group-version-kind")).isEqualTo(OpenApiSchemas.gvk("", "v1", "Namespace"));
        assertThat(core().get("paths").has("/api/v1/namespaces/{name}")).isTrue();
    }

    @Test
    void deploymentSchemaNamesItsKindAndReferencesObjectMeta() {
        JsonNode schemas = apps().at("/components/schemas");
        JsonNode deployment = schemas.get("io.k8s.api.apps.v1.Deployment");

        assertThat(deployment.get("type").asText()).isEqualTo("object");
        assertThat(deployment.get("x-kubernetes-group-version-kind"))
                .containsExactly(OpenApiSchemas.gvk("apps", "v1", "Deployment"));
        assertThat(deployment.at("/properties/metadata/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(schemas.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/replicas"))
                .isEqualTo(json("{\"type\":\"integer\",\"format\":\"int32\"}"));
        assertThat(schemas.at("/io.k8s.api.apps.v1.DeploymentList/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
    }

    @Test
    void intOrStringAndQuantityAreTheirOwnDefinitions() {
        JsonNode schemas = apps().at("/components/schemas");

        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/x-kubernetes-int-or-string").asBoolean())
                .isTrue();
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText())
                .isEqualTo("int-or-string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/oneOf/0/type").asText())
                .isEqualTo("string");
        assertThat(schemas.at("/io.k8s.api.apps.v1.RollingUpdateDeployment/properties/maxSurge/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(schemas.at("/io.k8s.api.core.v1.ResourceRequirements/properties/limits/additionalProperties/$ref")
                .asText()).isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
    }

    @Test
    void scaleSubresourceServesAutoscalingV1Scale() {
        JsonNode scale = apps().at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale");

        assertThat(scale.at("/put/x-kubernetes-group-version-kind"))
                .isEqualTo(OpenApiSchemas.gvk("autoscaling", "v1", "Scale"));
        assertThat(scale.at("/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
        assertThat(apps().at("/components/schemas/io.k8s.api.autoscaling.v1.Scale/x-kubernetes-group-version-kind/0/kind")
                .asText()).isEqualTo("Scale");
    }

    @Test
    void everyReferenceResolvesWithinItsDocument() {
        for (String groupVersion : RESOURCES.keySet()) {
            JsonNode document = OPENAPI.document(groupVersion).orElseThrow().json();
            JsonNode schemas = document.at("/components/schemas");
            for (String ref : refs(document)) {
                assertThat(schemas.has(ref.substring(OpenApiSchemas.REF_PREFIX.length())))
                        .as(groupVersion + " " + ref).isTrue();
            }
        }
    }

    @Test
    void explainCanWalkFromTheResourceToContainerFields() {
        // what kubectl explain does: GVK from the resource's operations, the schema with that GVK, then fields
        JsonNode document = apps();
        JsonNode gvk = document.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments/get")
                .get("x-kubernetes-group-version-kind");
        JsonNode schema = StreamSupport.stream(document.at("/components/schemas").spliterator(), false)
                .filter(s -> StreamSupport.stream(s.path("x-kubernetes-group-version-kind").spliterator(), false)
                        .anyMatch(gvk::equals))
                .findFirst().orElseThrow();

        for (String field : List.of("spec", "template", "spec", "containers")) {
            schema = resolve(document, schema.get("properties").get(field));
        }

        assertThat(resolve(document, schema.get("items")).get("properties").properties())
                .extracting(Map.Entry::getKey).contains("name", "image", "ports", "resources");
    }

    @Test
    void customResourcesGetAnOpenSchemaThatStillNamesTheirKind() {
        JsonNode widget = OPENAPI.document("example.com/v1").orElseThrow().json()
                .at("/components/schemas/com.example.v1.Widget");

        assertThat(widget.get("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(widget.get("x-kubernetes-group-version-kind")).containsExactly(OpenApiSchemas.gvk("example.com", "v1", "Widget"));
    }

    @Test
    void textSubresourcesAnswerWithText() {
        JsonNode paths = core().get("paths");

        assertThat(paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1log/get/responses/200/content")
                .has("text/plain")).isTrue();
        assertThat(paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1exec/post/x-kubernetes-action").asText())
                .isEqualTo("connect");
    }

    @Test
    void documentsDeclareOpenApi3AndTheServerVersion() {
        assertThat(apps().get("openapi").asText()).isEqualTo("3.0.0");
        assertThat(apps().at("/info/version").asText()).isEqualTo("v1.32.0");
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        while (true) {
            if (current.has("allOf")) {
                current = current.get("allOf").get(0);
            } else if (current.has("$ref")) {
                String name = current.get("$ref").asText().substring(OpenApiSchemas.REF_PREFIX.length());
                current = document.at("/components/schemas").get(name);
            } else {
                return current;
            }
        }
    }

    private static List<String> refs(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    out.addAll(refs(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> out.addAll(refs(child)));
        }
        return out;
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private static JsonNode apps() {
        return OPENAPI.document("apps/v1").orElseThrow().json();
    }

    private static JsonNode core() {
        return OPENAPI.document("v1").orElseThrow().json();
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
