package dev.skiff.engine.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CustomResourceDefinitions and their custom resources through the real kubectl. */
@Tag("e2e")
class CustomResourcesTest {
    static TestEngine engine;
    static Kubectl kubectl;

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: string, enum: [small, medium, large]}
                          replicas: {type: integer, minimum: 0, maximum: 10, default: 1}
                      status:
                        type: object
                        properties:
                          ready: {type: boolean}
                additionalPrinterColumns:
                - {name: Size, type: string, jsonPath: .spec.size}
                - {name: Replicas, type: integer, jsonPath: .spec.replicas}
                - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            """;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aCrdIsServedAtOnceAndItsResourcesRoundTrip() throws Exception {
        kubectl.apply(CRD).assertOk();
        Eventually.waitFor(() -> kubectl.run("get", "crd", "widgets.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out().equals("True"));

        kubectl.apply("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w1, namespace: default}
                spec: {size: small, replicas: 3}
                """).assertOk();
        assertThat(kubectl.run("get", "widgets", "w1", "-o", "jsonpath={.spec.size} {.metadata.generation}")
                .assertOk().out()).isEqualTo("small 1");
        assertThat(kubectl.run("get", "wg", "-o", "name").assertOk().out()).isEqualTo("widget.example.com/w1\n");
        kubectl.run("patch", "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"size\":\"large\"}}").assertOk();
        assertThat(kubectl.run("get", "widget", "w1", "-o", "jsonpath={.spec.size} {.metadata.generation}")
                .assertOk().out()).isEqualTo("large 2");
        Kubectl.Result strategic = kubectl.run("patch", "widget", "w1", "-p", "{\"spec\":{\"size\":\"small\"}}");
        assertThat(strategic.exitCode()).isNotZero();
        assertThat(strategic.err()).contains("application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget");
        assertThat(kubectl.run("api-resources", "--api-group=example.com").assertOk().out())
                .contains("widgets", "wg", "example.com/v1", "true", "Widget");

        Process watch = kubectl.start("get", "widgets", "-w");
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // ends when the process is destroyed
            }
        });
        try {
            Eventually.waitFor(() -> lines.stream().anyMatch(l -> l.startsWith("w1")));
            kubectl.apply("""
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w2, namespace: default}
                    spec: {size: medium}
                    """).assertOk();
            Eventually.waitFor(() -> lines.stream().anyMatch(l -> l.startsWith("w2") && l.contains("medium")));
        } finally {
            watch.destroy();
            reader.join(5000);
        }
    }

    @Test
    void theCrdSchemaDefaultsValidatesAndPrintsItsColumns() throws Exception {
        kubectl.apply(CRD.replace("widgets", "gizmos").replace("widget", "gizmo").replace("Widget", "Gizmo")
                .replace("[wg]", "[gz]")).assertOk();
        Eventually.waitFor(() -> kubectl.run("get", "crd", "gizmos.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out().equals("True"));

        kubectl.apply("""
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g1, namespace: default}
                spec: {size: medium}
                """).assertOk();
        assertThat(kubectl.run("get", "gizmo", "g1", "-o", "jsonpath={.spec.replicas}").assertOk().out())
                .as("the schema's default").isEqualTo("1");
        assertThat(kubectl.run("get", "gizmos").assertOk().out()).contains("NAME", "SIZE", "REPLICAS", "AGE",
                "g1", "medium");
        assertThat(kubectl.run("explain", "gizmo.spec").assertOk().out()).contains("KIND:", "Gizmo", "replicas",
                "<integer>", "size", "<string>");

        Kubectl.Result invalid = kubectl.apply("""
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g2, namespace: default}
                spec: {size: huge, replicas: 11}
                """);
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.err()).contains("spec.size: Unsupported value: \"huge\"",
                "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10");

        Kubectl.Result unknown = kubectl.apply("""
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g3, namespace: default}
                spec: {size: small, colour: red}
                """);
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown field \"spec.colour\"");
        kubectl.apply("""
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g3, namespace: default}
                spec: {size: small, colour: red}
                """, "--validate=false").assertOk();
        assertThat(kubectl.run("get", "gizmo", "g3", "-o", "jsonpath={.spec}").assertOk().out())
                .as("pruned").doesNotContain("colour");
    }

    @Test
    void theScaleSubresourceFollowsTheCrdsReplicaPaths() throws Exception {
        kubectl.apply("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: pools.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: pools, kind: Pool}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      scale: {specReplicasPath: .spec.count, statusReplicasPath: .status.count}
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                """).assertOk();
        Eventually.waitFor(() -> kubectl.run("get", "crd", "pools.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out().equals("True"));
        kubectl.apply("""
                apiVersion: example.com/v1
                kind: Pool
                metadata: {name: p1, namespace: default}
                spec: {count: 2}
                """).assertOk();

        kubectl.run("scale", "pool", "p1", "--replicas=4").assertOk();

        assertThat(kubectl.run("get", "pool", "p1", "-o", "jsonpath={.spec.count}").assertOk().out()).isEqualTo("4");
    }

    @Test
    void aCrdWithAnInvalidSchemaIsRefused() {
        Kubectl.Result r = kubectl.apply("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: broken.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: broken, kind: Broken}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec: {properties: {size: {type: string}}}
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("is invalid", "spec.versions[0].schema.openAPIV3Schema.properties[spec].type");
        assertThat(kubectl.run("version").exitCode()).isZero();
    }

    @Test
    void deletingTheCrdDeletesItsResources() throws Exception {
        kubectl.apply(CRD.replace("widgets", "gadgets").replace("widget", "gadget").replace("Widget", "Gadget")
                .replace("[wg]", "[gd]")).assertOk();
        Eventually.waitFor(() -> kubectl.run("get", "crd", "gadgets.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out().equals("True"));
        kubectl.apply("""
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g1, namespace: default}
                spec: {size: medium}
                """).assertOk();

        kubectl.run("delete", "crd", "gadgets.example.com").assertOk();

        assertThat(engine.server().store().list("/example.com/gadgets/", null, 0, o -> true).items()).isEmpty();
        assertThat(kubectl.run("get", "crd", "gadgets.example.com").exitCode()).isNotZero();
    }
}
