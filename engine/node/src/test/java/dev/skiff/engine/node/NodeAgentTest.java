package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Eventually;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import dev.skiff.engine.node.images.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node agent running real processes for pods bound to its node, seen through the API as kubectl sees it:
 * phases, container states, restarts, back-off, probes, graceful deletion, images, env and volumes.
 */
@Tag("e2e")
class NodeAgentTest {
    static TestEngine engine;
    static NodeAgent agent;
    static Kubectl kubectl;
    static ApiHttp api;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        agent = new NodeAgent(engine.server().registry(), engine.server().resources(), engine.dataDir()).start();
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
    }

    @AfterAll
    static void stop() {
        agent.close();
        engine.close();
    }

    static String pod(String name, String spec) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 5
                %s
                """.formatted(name, agent.nodeName(), spec.indent(2));
    }

    static JsonNode get(String name) {
        return api.get("/api/v1/namespaces/default/pods/" + name).json();
    }

    static JsonNode containerStatus(String name) {
        return get(name).path("status").path("containerStatuses").path(0);
    }

    static String jsonpath(String name, String path) {
        return kubectl.run("get", "pod", name, "-o", "jsonpath={" + path + "}").assertOk().out();
    }

    @Test
    void registersTheNodeReadyWithItsCapacityAndRenewsItsLease() {
        String nodes = kubectl.run("get", "nodes").assertOk().out();
        assertThat(nodes).containsPattern(agent.nodeName() + "\\s+Ready\\s+control-plane");
        JsonNode node = api.get("/api/v1/nodes/" + agent.nodeName()).json();
        assertThat(node.at("/status/capacity/cpu").asText()).isEqualTo(
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(node.at("/status/allocatable/pods").asText()).isEqualTo("110");
        assertThat(node.at("/status/nodeInfo/containerRuntimeVersion").asText()).startsWith("skiff://");
        JsonNode lease = api.get("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/"
                + agent.nodeName()).json();
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo(agent.nodeName());
        assertThat(lease.at("/spec/renewTime").asText()).isNotEmpty();
    }

    @Test
    void runsAPodAsAProcessAndReportsItRunningAndReady() throws Exception {
        kubectl.apply(pod("sleeper", """
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "echo started as $HOSTNAME at $POD_IP; exec sleep 600"]
                """)).assertOk();
        Eventually.waitFor(() -> "True".equals(jsonpath("sleeper", ".status.conditions[?(@.type==\"Ready\")].status")));
        JsonNode pod = get("sleeper");
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Running");
        assertThat(pod.at("/status/podIP").asText()).startsWith("127.1.");
        assertThat(pod.at("/status/hostIP").asText()).isEqualTo("127.0.0.1");
        assertThat(pod.at("/status/containerStatuses/0/state/running/startedAt").asText()).isNotEmpty();
        assertThat(pod.at("/status/containerStatuses/0/ready").asBoolean()).isTrue();
        assertThat(pod.at("/status/containerStatuses/0/started").asBoolean()).isTrue();
        String conditions = jsonpath("sleeper", ".status.conditions[*].type");
        assertThat(conditions).contains("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady");
        assertThat(kubectl.run("get", "pods", "sleeper").assertOk().out()).contains("1/1", "Running");
    }

    @Test
    void restartsAKilledProcessAndCountsTheRestart() throws Exception {
        kubectl.apply(pod("victim", """
                containers:
                - name: main
                  image: busybox
                  command: ["sleep", "600"]
                """)).assertOk();
        Eventually.waitFor(() -> containerStatus("victim").at("/state/running").isObject());
        long pid = pidOf("victim", "main");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Eventually.waitFor(() -> containerStatus("victim").path("restartCount").asInt() == 1
                && containerStatus("victim").at("/state/running").isObject());
        JsonNode last = containerStatus("victim").at("/lastState/terminated");
        assertThat(last.path("exitCode").asInt()).isEqualTo(137);
        assertThat(last.path("reason").asText()).isEqualTo("Error");
    }

    @Test
    void aCrashingContainerReachesCrashLoopBackOff() throws Exception {
        kubectl.apply(pod("crasher", """
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "echo failing; exit 3"]
                """)).assertOk();
        Eventually.waitFor(() -> "CrashLoopBackOff".equals(containerStatus("crasher").at("/state/waiting/reason")
                .asText()));
        JsonNode cs = containerStatus("crasher");
        assertThat(cs.at("/state/waiting/message").asText()).startsWith("back-off 10s restarting failed container=main");
        assertThat(cs.at("/lastState/terminated/exitCode").asInt()).isEqualTo(3);
        assertThat(cs.path("restartCount").asInt()).isEqualTo(1);
        assertThat(kubectl.run("get", "pod", "crasher").assertOk().out()).contains("CrashLoopBackOff");
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() throws Exception {
        kubectl.apply(pod("unhealthy", """
                containers:
                - name: main
                  image: busybox
                  command: ["sleep", "600"]
                  livenessProbe:
                    exec:
                      command: ["sh", "-c", "exit 1"]
                    periodSeconds: 1
                    failureThreshold: 1
                """)).assertOk();
        Eventually.waitFor(() -> containerStatus("unhealthy").path("restartCount").asInt() >= 1);
        String events = kubectl.run("get", "events", "--field-selector", "involvedObject.name=unhealthy").out();
        assertThat(events).contains("Liveness probe failed", "failed liveness probe, will be restarted");
    }

    @Test
    void readinessFollowsTheReadinessProbe() throws Exception {
        Path flag = engine.dir().resolve("ready-flag");
        kubectl.apply(pod("gated", """
                containers:
                - name: main
                  image: busybox
                  command: ["sleep", "600"]
                  readinessProbe:
                    exec:
                      command: ["test", "-f", "%s"]
                    periodSeconds: 1
                """.formatted(flag))).assertOk();
        Eventually.waitFor(() -> containerStatus("gated").at("/state/running").isObject());
        assertThat(containerStatus("gated").path("ready").asBoolean()).isFalse();
        Files.writeString(flag, "");
        Eventually.waitFor(() -> containerStatus("gated").path("ready").asBoolean());
        Files.delete(flag);
        Eventually.waitFor(() -> !containerStatus("gated").path("ready").asBoolean());
    }

    @Test
    void deletionRunsPreStopBeforeSigterm() throws Exception {
        Path trace = engine.dir().resolve("termination-trace");
        kubectl.apply(pod("graceful", """
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap 'echo sigterm >> %1$s; exit 0' TERM; while true; do sleep 0.1; done"]
                  lifecycle:
                    preStop:
                      exec:
                        command: ["sh", "-c", "echo prestop >> %1$s"]
                """.formatted(trace))).assertOk();
        Eventually.waitFor(() -> containerStatus("graceful").at("/state/running").isObject());
        kubectl.run("delete", "pod", "graceful", "--wait=true", "--timeout=30s").assertOk();
        assertThat(lines(trace)).as(() -> kubectl.run("get", "events", "--field-selector",
                "involvedObject.name=graceful").out()).containsExactly("prestop", "sigterm");
        assertThat(kubectl.run("get", "pod", "graceful").err()).contains("NotFound");
    }

    @Test
    void anUnknownImageWaitsInImagePullBackOffAndStartsOnceAdded() throws Exception {
        kubectl.apply(pod("missing-image", """
                containers:
                - name: main
                  image: example.com/tools/sleeper:1.0
                """)).assertOk();
        Eventually.waitFor(() -> containerStatus("missing-image").at("/state/waiting/reason").asText()
                .matches("ErrImagePull|ImagePullBackOff"));
        assertThat(containerStatus("missing-image").at("/state/waiting/message").asText())
                .contains("skiff image add example.com/tools/sleeper:1.0");
        Path dir = Files.createDirectories(engine.dir().resolve("sleeper-image"));
        Path entrypoint = dir.resolve("entrypoint");
        Files.writeString(entrypoint, "#!/bin/sh\nexec sleep 600\n");
        entrypoint.toFile().setExecutable(true);
        new ImageStore(engine.dataDir()).add("example.com/tools/sleeper:1.0", dir);
        Eventually.waitFor(() -> containerStatus("missing-image").at("/state/running").isObject());
        assertThat(containerStatus("missing-image").path("imageID").asText())
                .startsWith("example.com/tools/sleeper@sha256:");
    }

    @Test
    void initContainersRunInOrderBeforeTheContainers() throws Exception {
        Path trace = engine.dir().resolve("init-trace");
        kubectl.apply(pod("initialized", """
                initContainers:
                - name: first
                  image: busybox
                  command: ["sh", "-c", "echo first >> %1$s"]
                - name: second
                  image: busybox
                  command: ["sh", "-c", "echo second >> %1$s"]
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "echo main >> %1$s; exec sleep 600"]
                """.formatted(trace))).assertOk();
        Eventually.waitFor(() -> "Running".equals(get("initialized").at("/status/phase").asText())
                && Files.exists(trace) && lines(trace).size() == 3);
        assertThat(lines(trace)).containsExactly("first", "second", "main");
        JsonNode init = get("initialized").at("/status/initContainerStatuses");
        assertThat(init.path(0).at("/state/terminated/reason").asText()).isEqualTo("Completed");
    }

    @Test
    void aCompletedPodWithRestartPolicyNeverSucceeds() throws Exception {
        kubectl.apply(pod("oneshot", """
                restartPolicy: Never
                containers:
                - name: main
                  image: busybox
                  command: ["true"]
                """)).assertOk();
        Eventually.waitFor(() -> "Succeeded".equals(get("oneshot").at("/status/phase").asText()));
        assertThat(containerStatus("oneshot").at("/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(kubectl.run("get", "pod", "oneshot").assertOk().out()).contains("Completed");
    }

    @Test
    void containersGetTheirEnvironmentAndConfigMapVolumes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.skiff.engine.node.volumes.MountNamespace.supported(),
                "volumes appear at their mountPath only with private mount namespaces (root on Linux)");
        Path out = engine.dir().resolve("env-out");
        kubectl.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  greeting: hello
                  app.properties: "mode=fast"
                """).assertOk();
        kubectl.apply(pod("configured", """
                volumes:
                - name: config
                  configMap:
                    name: settings
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "echo $GREETING $MY_NAME $(cat /tmp/skiff-test-config/app.properties) > %s; exec sleep 600"]
                  env:
                  - name: GREETING
                    valueFrom:
                      configMapKeyRef:
                        name: settings
                        key: greeting
                  - name: MY_NAME
                    valueFrom:
                      fieldRef:
                        fieldPath: metadata.name
                  volumeMounts:
                  - name: config
                    mountPath: /tmp/skiff-test-config
                """.formatted(out))).assertOk();
        Eventually.waitFor(() -> Files.exists(out) && !lines(out).isEmpty());
        assertThat(lines(out)).containsExactly("hello configured mode=fast");
    }

    @Test
    void aMemoryHogIsOomKilledWhereCgroupsAreWritable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(agent.enforcesResourceLimits(), "cgroups are not writable here");
        kubectl.apply(pod("hog", """
                restartPolicy: Never
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "tail /dev/zero"]
                  resources:
                    limits:
                      memory: 32Mi
                """)).assertOk();
        Eventually.waitFor(() -> containerStatus("hog").at("/state/terminated").isObject());
        JsonNode terminated = containerStatus("hog").at("/state/terminated");
        assertThat(terminated.path("reason").asText()).isEqualTo("OOMKilled");
        assertThat(terminated.path("exitCode").asInt()).isEqualTo(137);
    }

    static long pidOf(String pod, String container) {
        String id = containerStatus(pod).path("containerID").asText();
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
