package dev.skiff.engine.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.discovery.Discovery;
import dev.skiff.engine.api.node.ResourceMetrics;
import dev.skiff.engine.api.node.ResourceMetrics.ContainerUsage;
import dev.skiff.engine.api.node.ResourceMetrics.NodeUsage;
import dev.skiff.engine.api.node.ResourceMetrics.PodUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code metrics.k8s.io} through {@code kubectl top} and over plain HTTPS, with fixed samples behind it. */
@Tag("e2e")
class ResourceMetricsTest {
    static final Instant SAMPLED = Instant.parse("2026-11-23T10:00:00Z");
    static final long MI = 1024 * 1024;
    static TestEngine engine;
    static Kubectl kubectl;
    static ApiHttp api;
    static FixedResourceMetrics metrics;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
        kubectl.apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: other}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: registry.example/web:1}
                  - {name: proxy, image: registry.example/proxy:1}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: db, namespace: shop, labels: {app: db}}
                spec:
                  containers:
                  - {name: db, image: registry.example/db:1}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: fresh, namespace: shop}
                spec:
                  containers:
                  - {name: fresh, image: registry.example/fresh:1}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: worker, namespace: other}
                spec:
                  containers:
                  - {name: worker, image: registry.example/worker:1}
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: skiff
                  labels: {kubernetes.io/hostname: skiff}
                """).assertOk();
        ApiHttp.Response status = api.patch("/api/v1/nodes/skiff/status", "application/merge-patch+json", """
                {"status":{"capacity":{"cpu":"4","memory":"8Gi"},"allocatable":{"cpu":"4","memory":"8Gi"}}}""");
        assertThat(status.code()).as(status.body()).isEqualTo(200);
        metrics = new FixedResourceMetrics();
        metrics.set(List.of(
                new PodUsage("shop", "web", SAMPLED, Duration.ofSeconds(15), List.of(
                        new ContainerUsage("web", 200_000_000, 100 * MI),
                        new ContainerUsage("proxy", 50_000_000, 28 * MI))),
                new PodUsage("shop", "db", SAMPLED, Duration.ofMillis(10_123), List.of(
                        new ContainerUsage("db", 1_234_567, 12345 * 1024))),
                new PodUsage("other", "worker", SAMPLED, Duration.ofSeconds(15), List.of(
                        new ContainerUsage("worker", 10_000_000, 20 * MI))),
                new PodUsage("shop", "gone", SAMPLED, Duration.ofSeconds(15), List.of(
                        new ContainerUsage("gone", 10_000_000, 20 * MI)))),
                new NodeUsage("skiff", SAMPLED, Duration.ofSeconds(15), 500_000_000, 2048 * MI));
        engine.server().useResourceMetrics(metrics);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** kubectl's table as rows of cells. */
    static List<List<String>> table(String out) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            rows.add(List.of(line.strip().split("\\s+")));
        }
        return rows;
    }

    @Test
    void topPodsAddsUpEachPodsContainers() {
        Kubectl.Result r = kubectl.run("-n", "shop", "top", "pods").assertOk();

        assertThat(table(r.out())).containsExactly(
                List.of("NAME", "CPU(cores)", "MEMORY(bytes)"),
                List.of("db", "2m", "12Mi"),
                List.of("web", "250m", "128Mi"));
    }

    @Test
    void topPodsOfAllNamespacesShowsTheNamespace() {
        Kubectl.Result r = kubectl.run("top", "pods", "-A").assertOk();

        assertThat(table(r.out())).containsExactly(
                List.of("NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)"),
                List.of("other", "worker", "10m", "20Mi"),
                List.of("shop", "db", "2m", "12Mi"),
                List.of("shop", "web", "250m", "128Mi"));
    }

    @Test
    void topPodWithContainersShowsEachContainer() {
        Kubectl.Result r = kubectl.run("-n", "shop", "top", "pod", "web", "--containers").assertOk();

        assertThat(table(r.out())).containsExactly(
                List.of("POD", "NAME", "CPU(cores)", "MEMORY(bytes)"),
                List.of("web", "proxy", "50m", "28Mi"),
                List.of("web", "web", "200m", "100Mi"));
    }

    @Test
    void topPodsSelectsByThePodsLabels() {
        Kubectl.Result r = kubectl.run("-n", "shop", "top", "pods", "-l", "app=web").assertOk();

        assertThat(table(r.out())).containsExactly(
                List.of("NAME", "CPU(cores)", "MEMORY(bytes)"),
                List.of("web", "250m", "128Mi"));
    }

    @Test
    void topNodeShowsUseAgainstWhatTheNodeCanAllocate() {
        Kubectl.Result r = kubectl.run("top", "node").assertOk();

        assertThat(table(r.out())).containsExactly(
                List.of("NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"),
                List.of("skiff", "500m", "12%", "2048Mi", "25%"));
    }

    @Test
    void aPodWithoutASampleHasNoMetricsYet() {
        Kubectl.Result r = kubectl.run("-n", "shop", "top", "pod", "fresh");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Error from server (NotFound): podmetrics.metrics.k8s.io \"shop/fresh\" not found");
    }

    @Test
    void viewersMayReadMetrics() {
        kubectl.run("-n", "shop", "create", "serviceaccount", "viewer").assertOk();
        String token = kubectl.run("-n", "shop", "create", "token", "viewer").assertOk().out().trim();

        Kubectl.Result denied = kubectl.run("--token", token, "-n", "shop", "top", "pods");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.err()).contains("pods.metrics.k8s.io is forbidden: User \"system:serviceaccount:shop:viewer\" "
                + "cannot list resource \"pods\" in API group \"metrics.k8s.io\" in the namespace \"shop\"");

        kubectl.run("-n", "shop", "create", "rolebinding", "viewer-view", "--clusterrole=view",
                "--serviceaccount=shop:viewer").assertOk();
        assertThat(table(kubectl.run("--token", token, "-n", "shop", "top", "pods").assertOk().out()))
                .contains(List.of("web", "250m", "128Mi"));
    }

    @Test
    void withoutSamplesKubectlSaysMetricsAreNotAvailableYet() {
        engine.server().useResourceMetrics(ResourceMetrics.NONE);
        try {
            Kubectl.Result r = kubectl.run("-n", "shop", "top", "pods");

            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains("metrics not available yet");
        } finally {
            engine.server().useResourceMetrics(metrics);
        }
    }

    @Test
    void podMetricsHaveMetricsServersShape() {
        ApiHttp.Response r = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/db");

        assertThat(r.code()).isEqualTo(200);
        ObjectNode m = (ObjectNode) r.json();
        String created = m.at("/metadata/creationTimestamp").asText();
        assertThat(Instant.parse(created)).isAfter(SAMPLED);
        assertThat(Json.string(m)).isEqualTo("{\"kind\":\"PodMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\","
                + "\"metadata\":{\"name\":\"db\",\"namespace\":\"shop\",\"creationTimestamp\":\"" + created + "\","
                + "\"labels\":{\"app\":\"db\"}},\"timestamp\":\"2026-11-23T10:00:00Z\",\"window\":\"10.123s\","
                + "\"containers\":[{\"name\":\"db\",\"usage\":{\"cpu\":\"1234567n\",\"memory\":\"12345Ki\"}}]}");
    }

    @Test
    void nodeMetricsHaveMetricsServersShape() {
        ApiHttp.Response r = api.get("/apis/metrics.k8s.io/v1beta1/nodes/skiff");

        assertThat(r.code()).isEqualTo(200);
        String created = r.json().at("/metadata/creationTimestamp").asText();
        assertThat(r.body()).isEqualTo("{\"kind\":\"NodeMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\","
                + "\"metadata\":{\"name\":\"skiff\",\"creationTimestamp\":\"" + created + "\","
                + "\"labels\":{\"kubernetes.io/hostname\":\"skiff\"}},\"timestamp\":\"2026-11-23T10:00:00Z\","
                + "\"window\":\"15s\",\"usage\":{\"cpu\":\"500m\",\"memory\":\"2Gi\"}}");
        JsonNode list = api.get("/apis/metrics.k8s.io/v1beta1/nodes").json();
        assertThat(list.path("kind").asText()).isEqualTo("NodeMetricsList");
        assertThat(list.path("items")).extracting(i -> i.at("/metadata/name").asText()).containsExactly("skiff");
    }

    @Test
    void listsHoldOnlyStoredPodsWithSamplesAndHonourSelectors() {
        JsonNode shop = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods").json();
        assertThat(shop.path("kind").asText()).isEqualTo("PodMetricsList");
        assertThat(shop.path("apiVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(Json.string(shop.path("metadata"))).isEqualTo("{}");
        assertThat(names(shop)).containsExactly("shop/db", "shop/web");

        assertThat(names(api.get("/apis/metrics.k8s.io/v1beta1/pods").json()))
                .containsExactly("other/worker", "shop/db", "shop/web");
        assertThat(names(api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Ddb").json()))
                .containsExactly("shop/db");
        assertThat(names(api.get("/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=metadata.name%3Dweb").json()))
                .containsExactly("shop/web");
        assertThat(names(api.get("/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=kubernetes.io%2Fhostname%3Dother")
                .json())).isEmpty();
    }

    @Test
    void unknownPodsAndNodesAreNotFoundAsMetricsServerSays() {
        ApiHttp.Response pod = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/ghost");
        assertThat(pod.code()).isEqualTo(404);
        assertThat(pod.json().path("message").asText()).isEqualTo("pods \"ghost\" not found");

        ApiHttp.Response noSample = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/fresh");
        assertThat(noSample.code()).isEqualTo(404);
        assertThat(noSample.json().path("message").asText())
                .isEqualTo("podmetrics.metrics.k8s.io \"shop/fresh\" not found");
        assertThat(noSample.json().path("details").path("group").asText()).isEqualTo("metrics.k8s.io");

        ApiHttp.Response node = api.get("/apis/metrics.k8s.io/v1beta1/nodes/ghost");
        assertThat(node.code()).isEqualTo(404);
        assertThat(node.json().path("message").asText()).isEqualTo("nodes \"ghost\" not found");

        assertThat(api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/widgets").code()).isEqualTo(404);
        assertThat(api.get("/apis/metrics.k8s.io/v1/nodes").code()).isEqualTo(404);
    }

    @Test
    void onlyGetAndListAreServed() {
        ApiHttp.Response create = api.post("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods", "{}");
        assertThat(create.code()).isEqualTo(405);

        ApiHttp.Response watch = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?watch=true");
        assertThat(watch.code()).isEqualTo(405);
        assertThat(watch.json().path("message").asText())
                .isEqualTo("watch is not supported on resources of kind \"pods.metrics.k8s.io\"");
    }

    @Test
    void discoveryListsTheGroupInBothForms() {
        JsonNode groups = api.get("/apis").json();
        JsonNode metrics = null;
        for (JsonNode g : groups.path("groups")) {
            if (g.path("name").asText().equals("metrics.k8s.io")) {
                metrics = g;
            }
        }
        assertThat(metrics).isNotNull();
        assertThat(Json.string(metrics)).isEqualTo("{\"name\":\"metrics.k8s.io\",\"versions\":[{\"groupVersion\":"
                + "\"metrics.k8s.io/v1beta1\",\"version\":\"v1beta1\"}],\"preferredVersion\":{\"groupVersion\":"
                + "\"metrics.k8s.io/v1beta1\",\"version\":\"v1beta1\"}}");
        assertThat(api.get("/apis/metrics.k8s.io").json().path("kind").asText()).isEqualTo("APIGroup");
        assertThat(api.get("/apis/metrics.k8s.io/v1beta1").body()).isEqualTo("{\"kind\":\"APIResourceList\","
                + "\"apiVersion\":\"v1\",\"groupVersion\":\"metrics.k8s.io/v1beta1\",\"resources\":["
                + "{\"name\":\"nodes\",\"singularName\":\"\",\"namespaced\":false,\"kind\":\"NodeMetrics\","
                + "\"verbs\":[\"get\",\"list\"]},"
                + "{\"name\":\"pods\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"PodMetrics\","
                + "\"verbs\":[\"get\",\"list\"]}]}");

        JsonNode aggregated = api.get("/apis", Discovery.AGGREGATED_V2).json();
        JsonNode item = null;
        for (JsonNode i : aggregated.path("items")) {
            if (i.at("/metadata/name").asText().equals("metrics.k8s.io")) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        JsonNode version = item.path("versions").path(0);
        assertThat(version.path("version").asText()).isEqualTo("v1beta1");
        assertThat(version.path("resources")).extracting(r -> r.path("resource").asText() + " "
                        + r.path("scope").asText() + " " + r.at("/responseKind/kind").asText() + " "
                        + Json.string(r.path("verbs")))
                .containsExactly("nodes Cluster NodeMetrics [\"get\",\"list\"]",
                        "pods Namespaced PodMetrics [\"get\",\"list\"]");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            String ns = item.at("/metadata/namespace").asText();
            names.add((ns.isEmpty() ? "" : ns + "/") + item.at("/metadata/name").asText());
        }
        return names;
    }
}
