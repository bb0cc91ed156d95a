package dev.skiff.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.apps.HelloServer;
import dev.skiff.cli.apps.JvmInfo;
import dev.skiff.engine.api.e2e.Eventually;
import dev.skiff.engine.node.images.ImageStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a user does with workloads on Skiff, with the real kubectl and real processes: a Deployment of a small
 * Java HTTP server rolled out, updated (surge and unavailability watched throughout), rolled back, restarted,
 * paused and scaled; its logs followed; its usage shown by {@code kubectl top}; a Java pod sized by its limits;
 * and a pod too big for the node left Pending.
 */
@Tag("e2e")
class WorkloadsEndToEndTest {
    static LocalCluster cluster;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start();
        ImageStore images = new ImageStore(cluster.engine.dataDir());
        Path hello = TestApps.jar(cluster.engine.dir(), HelloServer.class);
        images.add("demo/hello:v1", hello);
        images.add("demo/hello:v2", hello);
        images.add("demo/jvminfo:1", TestApps.jar(cluster.engine.dir(), JvmInfo.class));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String deployment(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  strategy:
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: hello
                        image: %3$s
                        env:
                        - name: PORT
                          value: "8080"
                        ports:
                        - name: http
                          containerPort: 8080
                        readinessProbe:
                          httpGet:
                            path: /healthz
                            port: http
                          periodSeconds: 1
                        resources:
                          requests:
                            cpu: 50m
                            memory: 64Mi
                """.formatted(name, replicas, image);
    }

    static List<JsonNode> pods(String app) {
        List<JsonNode> result = new ArrayList<>();
        cluster.api.get("/api/v1/namespaces/default/pods?labelSelector=app%3D" + app).json().path("items")
                .forEach(result::add);
        return result;
    }

    static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** The images of the app's pods that are not terminating (those rollout status no longer waits for). */
    static String images(String app) {
        return String.join(" ", pods(app).stream().filter(p -> !p.path("metadata").has("deletionTimestamp"))
                .map(p -> p.at("/spec/containers/0/image").asText()).toList());
    }

    static void rolledOut(String name) {
        cluster.kubectl.run("rollout", "status", "deployment/" + name, "--timeout=120s").assertOk();
    }

    @Test
    void aDeploymentRollsOutServesAndRollsWithinItsSurgeAndUnavailability() throws Exception {
        var kubectl = cluster.kubectl;
        kubectl.apply(deployment("hello", 3, "demo/hello:v1")).assertOk();
        rolledOut("hello");
        for (JsonNode pod : pods("hello")) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + pod.at("/status/podIP").asText()
                    + ":8080/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("hello from " + pod.at("/metadata/name").asText());
        }

        // watch the pod counts all through a rolling update
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger mostPods = new AtomicInteger();
        AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                List<JsonNode> live = pods("hello").stream()
                        .filter(p -> !p.path("metadata").has("deletionTimestamp")).toList();
                mostPods.accumulateAndGet(live.size(), Math::max);
                fewestReady.accumulateAndGet((int) live.stream().filter(WorkloadsEndToEndTest::ready).count(),
                        Math::min);
            }
        });
        kubectl.run("set", "image", "deployment/hello", "hello=demo/hello:v2").assertOk();
        rolledOut("hello");
        watching.set(false);
        watcher.join();
        assertThat(images("hello")).isEqualTo("demo/hello:v2 demo/hello:v2 demo/hello:v2");
        assertThat(mostPods.get()).as("pods at most replicas + maxSurge").isLessThanOrEqualTo(4);
        assertThat(fewestReady.get()).as("ready pods at least replicas - maxUnavailable").isGreaterThanOrEqualTo(3);

        assertThat(kubectl.run("rollout", "history", "deployment/hello").assertOk().out())
                .containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
        kubectl.run("rollout", "undo", "deployment/hello").assertOk();
        rolledOut("hello");
        assertThat(images("hello")).isEqualTo("demo/hello:v1 demo/hello:v1 demo/hello:v1");

        List<String> before = pods("hello").stream().map(p -> p.at("/metadata/name").asText()).toList();
        kubectl.run("rollout", "restart", "deployment/hello").assertOk();
        rolledOut("hello");
        assertThat(pods("hello")).filteredOn(p -> !p.path("metadata").has("deletionTimestamp"))
                .extracting(p -> p.at("/metadata/name").asText()).hasSize(3).doesNotContainAnyElementsOf(before);

        kubectl.run("rollout", "pause", "deployment/hello").assertOk();
        kubectl.run("set", "image", "deployment/hello", "hello=demo/hello:v2").assertOk();
        assertThat(images("hello")).doesNotContain("demo/hello:v2");
        kubectl.run("rollout", "resume", "deployment/hello").assertOk();
        rolledOut("hello");
        assertThat(images("hello")).isEqualTo("demo/hello:v2 demo/hello:v2 demo/hello:v2");

        kubectl.run("scale", "deployment/hello", "--replicas=1").assertOk();
        Eventually.waitFor(() -> pods("hello").size() == 1);
        assertThat(kubectl.run("get", "deployment", "hello").assertOk().out()).contains("1/1");
    }

    @Test
    void logsFollowAPodAndTopShowsItsUsage() throws Exception {
        var kubectl = cluster.kubectl;
        kubectl.apply(deployment("greeter", 1, "demo/hello:v1")).assertOk();
        rolledOut("greeter");
        JsonNode pod = pods("greeter").getFirst();
        String name = pod.at("/metadata/name").asText();
        assertThat(kubectl.run("logs", "deployment/greeter").assertOk().out()).contains("listening on");

        Process follow = kubectl.start("logs", "-f", name);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(follow.getInputStream(), UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // kubectl was stopped
            }
        });
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://" + pod.at("/status/podIP").asText()
                    + ":8080/streamed")).build(), HttpResponse.BodyHandlers.ofString());
            String line;
            do {
                line = lines.poll(30, TimeUnit.SECONDS);
            } while (line != null && !line.contains("request /streamed"));
            assertThat(line).as("the request's log line arrives through logs -f").isNotNull();
        } finally {
            follow.destroy();
        }
        assertThat(kubectl.run("logs", name, "--tail=1", "--timestamps").assertOk().out())
                .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z request /streamed\\s*");

        String top = kubectl.run("top", "pods").assertOk().out();
        assertThat(top).contains("CPU(cores)", "MEMORY(bytes)", name);
        assertThat(top).containsPattern(name + "\\s+\\d+m\\s+\\d+Mi");
        assertThat(kubectl.run("top", "node").assertOk().out()).contains(cluster.node.nodeName(), "CPU(cores)");
    }

    @Test
    void previousLogsShowTheLastCrashedInstance() throws Exception {
        var kubectl = cluster.kubectl;
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: flaky
                spec:
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "echo run at $(date +%s%N); exit 1"]
                """).assertOk();
        Eventually.waitFor(() -> cluster.api.get("/api/v1/namespaces/default/pods/flaky").json()
                .at("/status/containerStatuses/0/restartCount").asInt() >= 1);
        assertThat(kubectl.run("logs", "flaky", "--previous").assertOk().out()).startsWith("run at ");
    }

    @Test
    void aJavaPodSeesOneProcessorAndAHeapFromItsLimits() throws Exception {
        Assumptions.assumeTrue(cluster.node.enforcesResourceLimits(), "cgroups are not writable here");
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: jvm
                spec:
                  containers:
                  - name: main
                    image: demo/jvminfo:1
                    resources:
                      limits:
                        cpu: "1"
                        memory: 256Mi
                """).assertOk();
        Eventually.waitFor(() -> cluster.kubectl.run("logs", "jvm").out().contains("maxHeapMiB="));
        String out = cluster.kubectl.run("logs", "jvm").assertOk().out();
        assertThat(out).contains("processors=1");
        int heap = Integer.parseInt(out.replaceAll("(?s).*maxHeapMiB=(\\d+).*", "$1"));
        assertThat(heap).as("the JVM sized its heap from the 256Mi limit").isBetween(32, 128);
        assertThat(cluster.kubectl.run("get", "pod", "jvm", "-o", "jsonpath={.status.qosClass}").out())
                .isEqualTo("Guaranteed");
    }

    @Test
    void aPodTooBigForTheNodeStaysPendingWithFailedScheduling() throws Exception {
        cluster.kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: huge
                spec:
                  containers:
                  - name: main
                    image: busybox
                    command: ["sleep", "600"]
                    resources:
                      requests:
                        cpu: "5000"
                """).assertOk();
        Eventually.waitFor(() -> cluster.kubectl.run("get", "events", "--field-selector",
                "involvedObject.name=huge").out().contains("FailedScheduling"));
        assertThat(cluster.kubectl.run("get", "events", "--field-selector", "involvedObject.name=huge").out())
                .contains("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(cluster.kubectl.run("get", "pod", "huge").assertOk().out()).contains("Pending");
        cluster.kubectl.run("delete", "pod", "huge").assertOk();
    }
}
