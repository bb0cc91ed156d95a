package dev.skiff.engine.controllers;

import dev.skiff.engine.api.e2e.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every namespace gets its default ServiceAccount and the cluster CA ConfigMap, and keeps them. */
@Tag("e2e")
class NamespaceContentControllerTest {
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

    @Test
    void aNewNamespaceGetsTheDefaultServiceAccountAndTheRootCa() throws Exception {
        kubectl.run("create", "namespace", "fresh").assertOk();

        Eventually.waitFor(() -> kubectl.run("-n", "fresh", "get", "serviceaccount", "default").exitCode() == 0
                && kubectl.run("-n", "fresh", "get", "configmap", "kube-root-ca.crt").exitCode() == 0);
        assertThat(kubectl.run("-n", "fresh", "get", "configmap", "kube-root-ca.crt", "-o", "jsonpath={.data.ca\\.crt}")
                .assertOk().out()).startsWith("-----BEGIN CERTIFICATE-----").isEqualTo(engine.server().caCertificatePem());
        assertThat(kubectl.run("-n", "default", "get", "serviceaccounts", "-o", "name").assertOk().out())
                .contains("serviceaccount/default");
    }

    @Test
    void aDeletedDefaultServiceAccountComesBack() throws Exception {
        kubectl.run("create", "namespace", "again").assertOk();
        Eventually.waitFor(() -> kubectl.run("-n", "again", "get", "sa", "default").exitCode() == 0);
        String uid = kubectl.run("-n", "again", "get", "sa", "default", "-o", "jsonpath={.metadata.uid}").out();

        kubectl.run("-n", "again", "delete", "sa", "default").assertOk();

        Eventually.waitFor(() -> {
            Kubectl.Result r = kubectl.run("-n", "again", "get", "sa", "default", "-o", "jsonpath={.metadata.uid}");
            return r.exitCode() == 0 && !r.out().equals(uid);
        });
    }
}
