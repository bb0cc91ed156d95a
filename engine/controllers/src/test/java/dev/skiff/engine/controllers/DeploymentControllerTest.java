package dev.skiff.engine.controllers;

import dev.skiff.engine.api.e2e.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deployments rolled by the controller, driven with kubectl rollout. Until the node agent exists, a stand-in
 * marks every pod Running and Ready, as a kubelet would report it.
 */
@Tag("e2e")
class DeploymentControllerTest {
    static TestEngine engine;
    static ControllerManager controllers;
    static Kubectl kubectl;
    static ApiHttp api;
    static final AtomicBoolean running = new AtomicBoolean(true);

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        controllers = ControllerManager.start(engine.server());
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
        Thread.ofVirtual().start(DeploymentControllerTest::markPodsReady);
    }

    @AfterAll
    static void stop() {
        running.set(false);
        controllers.close();
        engine.close();
    }

    /** What a node agent would report: every pod Running with a Ready condition. */
    static void markPodsReady() {
        while (running.get()) {
            try {
                JsonNode pods = api.get("/api/v1/pods").json().path("items");
                for (JsonNode pod : pods) {
                    if (!"Running".equals(pod.path("status").path("phase").asText())
                            && !pod.path("metadata").has("deletionTimestamp")
                            && !"stuck".equals(pod.at("/metadata/namespace").asText())) {
                        api.patch("/api/v1/namespaces/" + pod.at("/metadata/namespace").asText() + "/pods/"
                                + pod.at("/metadata/name").asText() + "/status", "application/merge-patch+json",
                                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                                        + "\"lastTransitionTime\":\"" + java.time.Instant.now().truncatedTo(
                                        java.time.temporal.ChronoUnit.SECONDS) + "\"}]}}");
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the engine is stopping
            }
        }
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: roll}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: registry.example/web:1}]}
            """;

    @Test
    void podsCountAsAvailableOnlyAfterMinReadySeconds() throws Exception {
        kubectl.run("create", "namespace", "patient").assertOk();
        kubectl.apply(DEPLOYMENT.replace("namespace: roll", "namespace: patient")
                .replace("replicas: 3", "replicas: 2\n  minReadySeconds: 8")).assertOk();

        Eventually.waitFor(() -> kubectl.run("-n", "patient", "get", "deployment", "web", "-o",
                "jsonpath={.status.readyReplicas}").out().equals("2"));
        assertThat(kubectl.run("-n", "patient", "get", "deployment", "web", "-o",
                "jsonpath={.status.availableReplicas}").assertOk().out()).isIn("", "0");

        kubectl.run("-n", "patient", "rollout", "status", "deployment/web", "--timeout=30s").assertOk();
        assertThat(kubectl.run("-n", "patient", "get", "deployment", "web", "-o",
                "jsonpath={.status.availableReplicas}").assertOk().out()).isEqualTo("2");
    }

    @Test
    void aRolloutThatMakesNoProgressFailsAfterItsDeadline() {
        kubectl.run("create", "namespace", "stuck").assertOk();
        kubectl.apply(DEPLOYMENT.replace("namespace: roll", "namespace: stuck")
                .replace("replicas: 3", "replicas: 1\n  progressDeadlineSeconds: 2")).assertOk();

        Kubectl.Result r = kubectl.run("-n", "stuck", "rollout", "status", "deployment/web", "--timeout=30s");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("exceeded its progress deadline");
        assertThat(kubectl.run("-n", "stuck", "get", "deployment", "web", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}").assertOk().out())
                .isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void aDeploymentRollsOutAndBackWithKubectlRollout() throws Exception {
        kubectl.run("create", "namespace", "roll").assertOk();
        kubectl.apply(DEPLOYMENT).assertOk();

        kubectl.run("-n", "roll", "rollout", "status", "deployment/web", "--timeout=60s").assertOk();
        String firstRs = kubectl.run("-n", "roll", "get", "rs", "-o", "name").assertOk().out().trim();
        assertThat(firstRs).matches("replicaset.apps/web-[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(kubectl.run("-n", "roll", "get", "pods", "-l", "app=web", "-o", "name").assertOk().out().trim()
                .split("\n")).hasSize(3);

        kubectl.run("-n", "roll", "set", "image", "deployment/web", "web=registry.example/web:2").assertOk();
        kubectl.run("-n", "roll", "rollout", "status", "deployment/web", "--timeout=60s").assertOk();

        assertThat(kubectl.run("-n", "roll", "get", "rs", "-o", "custom-columns=NAME:.metadata.name,"
                + "REPLICAS:.spec.replicas,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision",
                "--no-headers").assertOk().out()).contains(firstRs.substring("replicaset.apps/".length()) + "   0 ");
        assertThat(kubectl.run("-n", "roll", "rollout", "history", "deployment/web").assertOk().out())
                .contains("REVISION", "1", "2");

        kubectl.run("-n", "roll", "rollout", "undo", "deployment/web").assertOk();
        kubectl.run("-n", "roll", "rollout", "status", "deployment/web", "--timeout=60s").assertOk();
        assertThat(kubectl.run("-n", "roll", "get", "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}")
                .assertOk().out()).isEqualTo("registry.example/web:1 3");
        assertThat(kubectl.run("-n", "roll", "get", "deployment", "web").assertOk().out()).contains("3/3");
    }
}
