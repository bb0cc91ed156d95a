package dev.skiff.engine.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Mutating and validating webhooks on a real HTTPS server, seen through the real kubectl. */
@Tag("e2e")
class WebhooksThroughKubectlTest {
    static TestEngine engine;
    static Kubectl kubectl;
    static LocalWebhookServer webhook;
    static String caBundle;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
        TestCertificates certificates = TestCertificates.selfSigned("localhost");
        caBundle = certificates.caBundle();
        webhook = new LocalWebhookServer(certificates)
                .answer("/label", request -> {
                    ObjectNode response = JsonNodeFactory.instance.objectNode().put("allowed", true);
                    String patch = request.path("object").path("metadata").has("labels")
                            ? "[{\"op\":\"add\",\"path\":\"/metadata/labels/team\",\"value\":\"platform\"}]"
                            : "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"team\":\"platform\"}}]";
                    response.put("patchType", "JSONPatch");
                    response.put("patch", Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
                    response.putArray("warnings").add("team label added by the platform");
                    return response;
                })
                .answer("/deny", request -> {
                    boolean forbidden = "yes".equals(request.path("object").path("metadata").path("labels")
                            .path("forbidden").asText());
                    ObjectNode response = JsonNodeFactory.instance.objectNode().put("allowed", !forbidden);
                    if (forbidden) {
                        response.putObject("status").put("code", 403).put("message", "configmaps may not be forbidden");
                    }
                    return response;
                });
        kubectl.run("create", "namespace", "hooked").assertOk();
        kubectl.run("label", "namespace", "hooked", "webhooks=on").assertOk();
        kubectl.apply(configurations()).assertOk();
    }

    @AfterAll
    static void stop() {
        webhook.close();
        engine.close();
    }

    static String configurations() {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: label.skiff.dev}
                webhooks:
                - name: label.skiff.dev
                  clientConfig: {url: "%1$s", caBundle: "%3$s"}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {webhooks: "on"}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: deny.skiff.dev}
                webhooks:
                - name: deny.skiff.dev
                  clientConfig: {url: "%2$s", caBundle: "%3$s"}
                  rules: [{operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {webhooks: "on"}}
                  failurePolicy: Fail
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(webhook.url("/label"), webhook.url("/deny"), caBundle);
    }

    @Test
    void aMutatingWebhookAddsALabelAndItsWarningIsPrinted() {
        Kubectl.Result r = kubectl.run("-n", "hooked", "create", "configmap", "plain", "--from-literal=a=b").assertOk();

        assertThat(r.err()).contains("Warning: team label added by the platform");
        assertThat(kubectl.run("-n", "hooked", "get", "cm", "plain", "-o", "jsonpath={.metadata.labels.team}")
                .assertOk().out()).isEqualTo("platform");
        assertThat(kubectl.run("-n", "default", "create", "configmap", "elsewhere", "--from-literal=a=b").assertOk()
                .err()).doesNotContain("Warning");
    }

    @Test
    void aValidatingWebhookRejectionIsShownWithItsMessage() {
        Kubectl.Result r = kubectl.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: bad, namespace: hooked, labels: {forbidden: "yes"}}
                """);

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("admission webhook \"deny.skiff.dev\" denied the request: "
                + "configmaps may not be forbidden");
        assertThat(kubectl.run("-n", "hooked", "get", "cm", "bad").exitCode()).isNotZero();
    }

    @Test
    void anUnreachableWebhookFollowsItsFailurePolicy() {
        kubectl.run("create", "namespace", "unreachable").assertOk();
        kubectl.run("label", "namespace", "unreachable", "down=yes").assertOk();
        kubectl.apply("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: down.skiff.dev}
                webhooks:
                - name: ignore.down.skiff.dev
                  clientConfig: {url: "https://127.0.0.1:1/nothing"}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [secrets]}]
                  namespaceSelector: {matchLabels: {down: "yes"}}
                  failurePolicy: Ignore
                  sideEffects: None
                  admissionReviewVersions: [v1]
                - name: fail.down.skiff.dev
                  clientConfig: {url: "https://127.0.0.1:1/nothing"}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [serviceaccounts]}]
                  namespaceSelector: {matchLabels: {down: "yes"}}
                  failurePolicy: Fail
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """).assertOk();

        kubectl.run("-n", "unreachable", "create", "secret", "generic", "s", "--from-literal=a=b").assertOk();
        Kubectl.Result failed = kubectl.run("-n", "unreachable", "create", "serviceaccount", "robot");

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.err()).contains("failed calling webhook \"fail.down.skiff.dev\"");
        assertThat(kubectl.run("version").exitCode()).isZero();
    }
}
