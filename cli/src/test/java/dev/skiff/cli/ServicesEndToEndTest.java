package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.apps.HelloServer;
import dev.skiff.engine.api.e2e.Eventually;
import dev.skiff.engine.node.images.ImageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Services as kubectl users see them on Skiff: cluster IPs, Endpoints and EndpointSlices that follow readiness. */
@Tag("e2e")
class ServicesEndToEndTest {
    static LocalCluster cluster;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start();
        Path hello = TestApps.jar(cluster.engine.dir(), HelloServer.class);
        new ImageStore(cluster.engine.dataDir()).add("demo/hello:v1", hello);
        cluster.kubectl.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: hello
                        image: demo/hello:v1
                        ports:
                        - name: http
                          containerPort: 8080
                        readinessProbe:
                          httpGet:
                            path: /healthz
                            port: http
                          periodSeconds: 1
                          failureThreshold: 1
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                """).assertOk();
        cluster.kubectl.run("rollout", "status", "deployment/web", "--timeout=120s").assertOk();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static JsonNode endpoints() {
        return cluster.api.get("/api/v1/namespaces/default/endpoints/web").json();
    }

    static JsonNode slice() {
        return cluster.api.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
                + "?labelSelector=kubernetes.io%2Fservice-name%3Dweb").json().path("items").path(0);
    }

    @Test
    void aPodStartedAfterAServiceGetsItsEnvironmentVariables() throws Exception {
        String ip = cluster.kubectl.run("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").assertOk().out();
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: env-reader
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "echo host=$WEB_SERVICE_HOST port=$WEB_SERVICE_PORT_HTTP link=$WEB_PORT"]
                """).assertOk();
        Eventually.waitFor(() -> cluster.kubectl.run("get", "pod", "env-reader", "-o", "jsonpath={.status.phase}")
                .out().equals("Succeeded"));
        assertThat(cluster.kubectl.run("logs", "env-reader").assertOk().out().trim())
                .isEqualTo("host=" + ip + " port=80 link=tcp://" + ip + ":80");
    }

    @Test
    void endpointsAndSlicesListTheReadyPodsAndFollowReadiness() throws Exception {
        Eventually.waitFor(() -> endpoints().at("/subsets/0/addresses").size() == 2);
        JsonNode subset = endpoints().at("/subsets/0");
        assertThat(subset.at("/ports/0/port").asInt()).as("the named targetPort resolved").isEqualTo(8080);
        assertThat(subset.at("/addresses/0/targetRef/kind").asText()).isEqualTo("Pod");
        JsonNode slice = slice();
        assertThat(slice.path("addressType").asText()).isEqualTo("IPv4");
        assertThat(slice.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("Service");
        assertThat(slice.path("endpoints")).hasSize(2);
        assertThat(slice.at("/endpoints/0/conditions/ready").asBoolean()).isTrue();
        assertThat(cluster.kubectl.run("get", "endpoints", "web").assertOk().out()).containsPattern("127\\.1\\.\\d+\\.\\d+:8080");

        // one pod stops passing its readiness probe: it moves to notReadyAddresses
        String ip = subset.at("/addresses/0/ip").asText();
        http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/fail")).build(),
                HttpResponse.BodyHandlers.ofString());
        Eventually.waitFor(() -> endpoints().at("/subsets/0/notReadyAddresses").size() == 1);
        assertThat(endpoints().at("/subsets/0/notReadyAddresses/0/ip").asText()).isEqualTo(ip);
        assertThat(endpoints().at("/subsets/0/addresses")).hasSize(1);
        Eventually.waitFor(() -> {
            for (JsonNode e : slice().path("endpoints")) {
                if (e.at("/addresses/0").asText().equals(ip)) {
                    return !e.at("/conditions/ready").asBoolean();
                }
            }
            return false;
        });
    }
}
