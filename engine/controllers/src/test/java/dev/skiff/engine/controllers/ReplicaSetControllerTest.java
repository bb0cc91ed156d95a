package dev.skiff.engine.controllers;

import dev.skiff.engine.api.e2e.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ReplicaSets keep their pods, adopt and release by selector, and scale, seen through kubectl. */
@Tag("e2e")
class ReplicaSetControllerTest {
    static TestEngine engine;
    static ControllerManager controllers;
    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        controllers = ControllerManager.start(engine.server());
        kubectl = engine.kubectl();
    }

    @AfterAll
    static void stop() {
        controllers.close();
        engine.close();
    }

    static String replicaSet(String ns, int replicas) {
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web, namespace: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: registry.example/web:1}]}
                """.formatted(ns, replicas);
    }

    static List<String> pods(String ns, String... selector) {
        String out = kubectl.run(concat(new String[] {"-n", ns, "get", "pods", "-o", "name"}, selector)).assertOk().out();
        return out.isBlank() ? List.of() : Arrays.asList(out.trim().split("\n"));
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void aReplicaSetKeepsItsPodsAndScales() throws Exception {
        kubectl.run("create", "namespace", "rs1").assertOk();
        kubectl.apply(replicaSet("rs1", 3)).assertOk();
        Eventually.waitFor(() -> pods("rs1").size() == 3);
        assertThat(pods("rs1")).allMatch(p -> p.startsWith("pod/web-"));
        assertThat(kubectl.run("-n", "rs1", "get", pods("rs1").get(0), "-o",
                "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} "
                        + "{.metadata.ownerReferences[0].controller}").assertOk().out()).isEqualTo("ReplicaSet/web true");
        Eventually.waitFor(() -> kubectl.run("-n", "rs1", "get", "rs", "web", "-o",
                "jsonpath={.status.replicas}").out().equals("3"));

        kubectl.run("-n", "rs1", "delete", pods("rs1").get(0)).assertOk();
        Eventually.waitFor(() -> pods("rs1").size() == 3);

        kubectl.run("-n", "rs1", "scale", "rs", "web", "--replicas=1").assertOk();
        Eventually.waitFor(() -> pods("rs1").size() == 1);
        Eventually.waitFor(() -> kubectl.run("-n", "rs1", "get", "events").out().contains("SuccessfulDelete"));
    }

    @Test
    void anOrphanPodIsAdoptedAndAPodThatStopsMatchingIsReleased() throws Exception {
        kubectl.run("create", "namespace", "rs2").assertOk();
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: stray, namespace: rs2, labels: {app: web}}
                spec: {containers: [{name: c, image: registry.example/web:1}]}
                """).assertOk();
        kubectl.apply(replicaSet("rs2", 2)).assertOk();

        Eventually.waitFor(() -> pods("rs2").size() == 2 && kubectl.run("-n", "rs2", "get", "pod", "stray",
                "-o", "jsonpath={.metadata.ownerReferences[0].name}").out().equals("web"));

        kubectl.run("-n", "rs2", "label", "pod", "stray", "app=other", "--overwrite").assertOk();

        Eventually.waitFor(() -> pods("rs2", "-l", "app=web").size() == 2
                && kubectl.run("-n", "rs2", "get", "pod", "stray", "-o", "jsonpath={.metadata.ownerReferences}")
                .out().isEmpty());
    }
}
