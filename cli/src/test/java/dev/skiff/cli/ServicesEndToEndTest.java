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

/**
 * Services as users reach them on Skiff: cluster IPs, node ports and an Ingress host with curl, DNS with dig,
 * Endpoints and EndpointSlices that follow readiness, a Service in front of a server outside the cluster, and the
 * Service environment variables.
 */
@Tag("e2e")
class ServicesEndToEndTest {
    static LocalCluster cluster;
    static final String WEB = """
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
                """;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.withNetwork();
        Path hello = TestApps.jar(cluster.engine.dir(), HelloServer.class);
        new ImageStore(cluster.engine.dataDir()).add("demo/hello:v1", hello);
        cluster.kubectl.apply(WEB).assertOk();
        cluster.kubectl.run("rollout", "status", "deployment/web", "--timeout=120s").assertOk();
    }

    /** curl's answer body, or its error (exit code and message) when it fails. */
    static String curl(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("curl", "-sS", "--max-time", "5"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return exit == 0 ? out : "curl exit " + exit + ": " + out;
    }

    static String clusterIp(String service) {
        return cluster.kubectl.run("get", "svc", service, "-o", "jsonpath={.spec.clusterIP}").assertOk().out();
    }

    static java.util.Set<String> podsAnswering(String url, int requests) throws Exception {
        java.util.Set<String> pods = new java.util.TreeSet<>();
        for (int i = 0; i < requests; i++) {
            String body = curl(url);
            assertThat(body).startsWith("hello from ");
            pods.add(body.split(" ")[2]);
        }
        return pods;
    }

    @Test
    void curlReachesTheDeploymentThroughItsClusterIpSpreadAcrossReplicas() throws Exception {
        Eventually.waitFor(() -> webEndpoints().at("/subsets/0/addresses").size() == 2);
        String url = "http://" + clusterIp("web") + "/";
        Eventually.waitFor(() -> {
            try {
                return podsAnswering(url, 20).size() == 2;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    @Test
    void curlReachesTheDeploymentThroughANodePort() throws Exception {
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-nodeport
                spec:
                  type: NodePort
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 8080
                """).assertOk();
        String port = cluster.kubectl.run("get", "svc", "web-nodeport", "-o", "jsonpath={.spec.ports[0].nodePort}")
                .assertOk().out();
        Eventually.waitFor(() -> {
            try {
                return curl("http://127.0.0.1:" + port + "/").startsWith("hello from web-");
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    @Test
    void curlReachesTheDeploymentThroughAnIngressHost() throws Exception {
        cluster.kubectl.apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                spec:
                  rules:
                  - host: web.example.test
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              name: http
                """).assertOk();
        int port = cluster.network.ingressHttpAddress().getPort();
        Eventually.waitFor(() -> {
            try {
                return curl("-H", "Host: web.example.test", "http://127.0.0.1:" + port + "/").startsWith("hello from web-");
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertThat(curl("-H", "Host: other.example.test", "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:" + port + "/")).isEqualTo("404");
        Eventually.waitFor(() -> cluster.kubectl.run("get", "ingress", "web", "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}").out().equals("127.0.0.1"));
    }

    @Test
    void aServiceWithoutSelectorReachesAServerOutsideTheClusterThroughHandWrittenEndpoints() throws Exception {
        com.sun.net.httpserver.HttpServer outside = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        outside.createContext("/", exchange -> {
            byte[] body = "outside the cluster\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        outside.start();
        try {
            int port = outside.getAddress().getPort();
            cluster.kubectl.apply("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: legacy-db
                    spec:
                      ports:
                      - name: http
                        port: 80
                        targetPort: %1$d
                    ---
                    apiVersion: v1
                    kind: Endpoints
                    metadata:
                      name: legacy-db
                    subsets:
                    - addresses:
                      - ip: 127.0.0.1
                      ports:
                      - name: http
                        port: %1$d
                    """.formatted(port)).assertOk();
            String url = "http://" + clusterIp("legacy-db") + "/";
            Eventually.waitFor(() -> {
                try {
                    return curl(url).equals("outside the cluster\n");
                } catch (Exception | AssertionError e) {
                    return false;
                }
            });
        } finally {
            outside.stop(0);
        }
    }

    static boolean hasDig() {
        try {
            return new ProcessBuilder("dig", "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    static String dig(String... args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("+short"));
        all.addAll(java.util.List.of(args));
        return digFull(all.toArray(String[]::new));
    }

    static String digFull(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("dig", "+time=2",
                "@" + cluster.network.dnsAddress().getAddress().getHostAddress(), "-p",
                Integer.toString(cluster.network.dnsAddress().getPort())));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        // dig warns that .local is reserved for multicast DNS; the answer is what remains
        return String.join("\n", out.lines().filter(l -> !l.startsWith(";; WARNING")).toList()).trim();
    }

    @Test
    void digAnswersAAndSrvForAServiceAndPodAddressesForAHeadlessOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasDig(), "dig (dnsutils) is not installed");
        String ip = clusterIp("web");
        Eventually.waitFor(() -> {
            try {
                return dig("web.default.svc.cluster.local", "A").equals(ip);
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertThat(dig("_http._tcp.web.default.svc.cluster.local", "SRV")).endsWith("80 web.default.svc.cluster.local.");
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-headless
                spec:
                  clusterIP: None
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 8080
                """).assertOk();
        Eventually.waitFor(() -> {
            try {
                return dig("web-headless.default.svc.cluster.local", "A").lines().count() == 2;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertThat(dig("web-headless.default.svc.cluster.local", "A").lines()).allMatch(l -> l.startsWith("127.1."));
        assertThat(digFull("missing.default.svc.cluster.local")).contains("status: NXDOMAIN");
    }

    @Test
    void aPodResolvesServiceNamesThroughClusterDns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.skiff.engine.node.volumes.MountNamespace.supported()
                        && cluster.network.dnsAddress().getPort() == 53,
                "a pod gets its own resolv.conf only in a private mount namespace, naming DNS on port 53 (root)");
        String ip = clusterIp("web");
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: resolver
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "getent hosts web; getent hosts web.default.svc.cluster.local"]
                """).assertOk();
        Eventually.waitFor(() -> cluster.kubectl.run("get", "pod", "resolver", "-o", "jsonpath={.status.phase}")
                .out().matches("Succeeded|Failed"));
        // the short name through the namespace's search domains, then the full name
        assertThat(cluster.kubectl.run("logs", "resolver").assertOk().out().lines())
                .hasSize(2).allMatch(l -> l.matches(java.util.regex.Pattern.quote(ip) + "\\s+web\\.default\\.svc\\.cluster\\.local"));
    }

    @Test
    void trafficStopsGoingToAPodThatIsNotReady() throws Exception {
        cluster.kubectl.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: gate
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: gate
                  template:
                    metadata:
                      labels:
                        app: gate
                    spec:
                      containers:
                      - name: hello
                        image: demo/hello:v1
                        readinessProbe:
                          httpGet:
                            path: /healthz
                            port: 8080
                          periodSeconds: 1
                          failureThreshold: 1
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: gate
                spec:
                  selector:
                    app: gate
                  ports:
                  - port: 80
                    targetPort: 8080
                """).assertOk();
        cluster.kubectl.run("rollout", "status", "deployment/gate", "--timeout=120s").assertOk();
        String url = "http://" + clusterIp("gate") + "/";
        Eventually.waitFor(() -> {
            try {
                return podsAnswering(url, 10).size() == 2;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        JsonNode pod = cluster.api.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dgate").json()
                .at("/items/0");
        curl("http://" + pod.at("/status/podIP").asText() + ":8080/fail");
        String failing = pod.at("/metadata/name").asText();
        Eventually.waitFor(() -> {
            try {
                return !podsAnswering(url, 10).contains(failing);
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertThat(podsAnswering(url, 20)).doesNotContain(failing).hasSize(1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static JsonNode endpoints() {
        return cluster.api.get("/api/v1/namespaces/default/endpoints/probed").json();
    }

    static JsonNode slice() {
        return cluster.api.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
                + "?labelSelector=kubernetes.io%2Fservice-name%3Dprobed").json().path("items").path(0);
    }

    static JsonNode webEndpoints() {
        return cluster.api.get("/api/v1/namespaces/default/endpoints/web").json();
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
        // a Deployment of its own, since this test makes one of its pods fail readiness for good
        cluster.kubectl.apply(WEB.replace("name: web", "name: probed").replace("app: web", "app: probed"))
                .assertOk();
        cluster.kubectl.run("rollout", "status", "deployment/probed", "--timeout=120s").assertOk();
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
