package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Eventually;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ends of a pod's containers as the API shows them: the final status of a deleted pod, what a container
 * leaves behind when it exits, and a pod that outlives a restart of the node agent.
 */
@Tag("e2e")
class NodeAgentLifecycleTest {
    static TestEngine engine;
    static NodeAgent agent;
    static Kubectl kubectl;
    static ApiHttp api;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        agent = newAgent();
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
    }

    static NodeAgent newAgent() {
        return new NodeAgent(engine.server().registry(), engine.server().resources(), engine.dataDir()).start();
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
                  finalizers: ["example.com/keep-for-the-test"]
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 5
                %s
                """.formatted(name, agent.nodeName(), spec.indent(2));
    }

    static JsonNode get(String name) {
        return api.get("/api/v1/namespaces/default/pods/" + name).json();
    }

    static JsonNode containerStatus(String pod, int index) {
        return get(pod).path("status").path("containerStatuses").path(index);
    }

    @Test
    void aDeletedPodReportsHowItsContainersEndedBeforeItIsRemoved() throws Exception {
        kubectl.apply(pod("stopped", """
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                """)).assertOk();
        Eventually.waitFor(() -> containerStatus("stopped", 0).at("/state/running").isObject());

        kubectl.run("delete", "pod", "stopped", "--wait=false").assertOk();

        // the finalizer keeps the pod in the store after the agent removed it: its last status stays visible
        Eventually.waitFor(() -> "Succeeded".equals(get("stopped").at("/status/phase").asText()));
        JsonNode pod = get("stopped");
        assertThat(pod.at("/status/containerStatuses/0/state/terminated/exitCode").asInt()).isZero();
        assertThat(pod.at("/status/containerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(pod.at("/status/containerStatuses/0/ready").asBoolean()).isFalse();
        kubectl.run("patch", "pod", "stopped", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")
                .assertOk();
    }

    @Test
    void whatAContainerStartedIsKilledWhenTheContainerExits() throws Exception {
        Assumptions.assumeTrue(agent.enforcesResourceLimits(), "needs writable cgroups to find what it left");
        Path pidFile = engine.dir().resolve("background-pid");
        kubectl.apply(pod("leaver", """
                restartPolicy: Never
                containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "sleep 600 & echo $! > %s; exit 3"]
                """.formatted(pidFile))).assertOk();
        Eventually.waitFor(() -> containerStatus("leaver", 0).at("/state/terminated").isObject());
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        Eventually.waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(containerStatus("leaver", 0).at("/state/terminated/exitCode").asInt()).isEqualTo(3);
        kubectl.run("patch", "pod", "leaver", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")
                .assertOk();
    }

    @Test
    void aContainerThatFinishedIsNotRunAgainAfterTheAgentRestarts() throws Exception {
        Path trace = engine.dir().resolve("once-trace");
        kubectl.apply(pod("once", """
                restartPolicy: Never
                containers:
                - name: job
                  image: busybox
                  command: ["sh", "-c", "echo ran >> %s"]
                - name: server
                  image: busybox
                  command: ["sleep", "600"]
                """.formatted(trace))).assertOk();
        Eventually.waitFor(() -> containerStatus("once", 0).at("/state/terminated/reason").asText().equals("Completed")
                && containerStatus("once", 1).at("/state/running").isObject());

        agent.close(); // stops the server; the stored status still says it runs
        agent = newAgent();

        // the server was stopped and, by restartPolicy Never, stays stopped: the pod has failed
        Eventually.waitFor(() -> "Failed".equals(get("once").at("/status/phase").asText()));
        JsonNode job = containerStatus("once", 0);
        assertThat(job.at("/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(job.path("restartCount").asInt()).isZero();
        assertThat(containerStatus("once", 1).at("/state/terminated/exitCode").asInt()).isEqualTo(137);
        assertThat(Files.readAllLines(trace)).isEqualTo(List.of("ran"));
        kubectl.run("patch", "pod", "once", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")
                .assertOk();
    }
}
