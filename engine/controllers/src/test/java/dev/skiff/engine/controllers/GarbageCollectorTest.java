package dev.skiff.engine.controllers;

import dev.skiff.engine.api.e2e.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cascading deletion through ownerReferences, driven by the real kubectl. */
@Tag("e2e")
class GarbageCollectorTest {
    static TestEngine engine;
    static ControllerManager controllers;
    static Kubectl kubectl;
    static ApiHttp api;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        controllers = ControllerManager.start(engine.server());
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
    }

    @AfterAll
    static void stop() {
        controllers.close();
        engine.close();
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: %s, namespace: %s}
            spec:
              selector: {matchLabels: {app: %1$s}}
              template:
                metadata: {labels: {app: %1$s}}
                spec: {containers: [{name: c, image: registry.example/app:1}]}
            """;

    /** Creates a Deployment and two ReplicaSets it owns; returns the Deployment's uid. */
    static String deploymentWithReplicaSets(String ns, String name, boolean blockOwnerDeletion) {
        kubectl.run("create", "namespace", ns);
        kubectl.apply(DEPLOYMENT.formatted(name, ns)).assertOk();
        String uid = kubectl.run("-n", ns, "get", "deployment", name, "-o", "jsonpath={.metadata.uid}").assertOk().out();
        for (String rs : new String[] {name + "-a", name + "-b"}) {
            kubectl.apply("""
                    apiVersion: apps/v1
                    kind: ReplicaSet
                    metadata:
                      name: %s
                      namespace: %s
                      ownerReferences:
                      - {apiVersion: apps/v1, kind: Deployment, name: %s, uid: %s, controller: true, blockOwnerDeletion: %s}
                    spec:
                      selector: {matchLabels: {app: %3$s}}
                      template:
                        metadata: {labels: {app: %3$s}}
                        spec: {containers: [{name: c, image: registry.example/app:1}]}
                    """.formatted(rs, ns, name, uid, blockOwnerDeletion)).assertOk();
        }
        return uid;
    }

    static String replicaSets(String ns) {
        return kubectl.run("-n", ns, "get", "replicasets", "-o", "name").assertOk().out();
    }

    @Test
    void deletingAnOwnerRemovesItsDependentsInTheBackground() throws Exception {
        deploymentWithReplicaSets("bg", "web", false);

        kubectl.run("-n", "bg", "delete", "deployment", "web").assertOk();

        Eventually.waitFor(() -> replicaSets("bg").isEmpty());
    }

    @Test
    void orphanDeletionLeavesTheDependentsWithoutTheirOwner() throws Exception {
        deploymentWithReplicaSets("orphan", "web", false);

        kubectl.run("-n", "orphan", "delete", "deployment", "web", "--cascade=orphan").assertOk();

        assertThat(kubectl.run("-n", "orphan", "get", "deployment", "web").exitCode()).isNotZero();
        assertThat(replicaSets("orphan")).contains("replicaset.apps/web-a", "replicaset.apps/web-b");
        assertThat(kubectl.run("-n", "orphan", "get", "replicaset", "web-a", "-o",
                "jsonpath={.metadata.ownerReferences}").assertOk().out()).isEmpty();
    }

    @Test
    void foregroundDeletionRemovesDependentsBeforeTheOwner() throws Exception {
        deploymentWithReplicaSets("fg", "web", true);

        kubectl.run("-n", "fg", "delete", "deployment", "web", "--cascade=foreground").assertOk();

        assertThat(replicaSets("fg")).isEmpty();
        assertThat(kubectl.run("-n", "fg", "get", "deployment", "web").exitCode()).isNotZero();
    }

    @Test
    void aFinalizerHoldsTheObjectUntilItIsRemoved() throws Exception {
        kubectl.run("create", "namespace", "held").assertOk();
        kubectl.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, namespace: held, finalizers: [example.com/hold]}
                """).assertOk();

        kubectl.run("-n", "held", "delete", "configmap", "held", "--wait=false").assertOk();

        JsonNode held = api.get("/api/v1/namespaces/held/configmaps/held").json();
        assertThat(held.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        kubectl.run("-n", "held", "patch", "configmap", "held", "--type=merge", "-p",
                "{\"metadata\":{\"finalizers\":null}}").assertOk();
        assertThat(api.get("/api/v1/namespaces/held/configmaps/held").code()).isEqualTo(404);
    }

    @Test
    void cyclicOwnerReferencesAreCollectedAndTheEngineStaysUp() throws Exception {
        kubectl.run("create", "namespace", "cycle").assertOk();
        kubectl.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"namespace\":\"cycle\"}}")
                .assertOk();
        String a = kubectl.run("-n", "cycle", "get", "cm", "a", "-o", "jsonpath={.metadata.uid}").assertOk().out();
        kubectl.apply(("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\",\"namespace\":\"cycle\","
                + "\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"a\",\"uid\":\"%s\"}]}}")
                .formatted(a)).assertOk();
        String b = kubectl.run("-n", "cycle", "get", "cm", "b", "-o", "jsonpath={.metadata.uid}").assertOk().out();
        kubectl.run("-n", "cycle", "patch", "cm", "a", "--type=merge", "-p", ("{\"metadata\":{\"ownerReferences\":"
                + "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"b\",\"uid\":\"%s\"}]}}").formatted(b)).assertOk();

        kubectl.run("-n", "cycle", "delete", "cm", "a").assertOk();

        Eventually.waitFor(() -> kubectl.run("-n", "cycle", "get", "cm", "a").exitCode() != 0
                && kubectl.run("-n", "cycle", "get", "cm", "b").exitCode() != 0);
        assertThat(api.get("/version").code()).isEqualTo(200);
    }

}
