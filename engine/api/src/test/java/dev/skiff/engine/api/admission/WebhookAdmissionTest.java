package dev.skiff.engine.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission through real HTTPS webhooks on 127.0.0.1 with a self-signed certificate. */
class WebhookAdmissionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestCertificates certificates;
    private static TestCertificates otherCa;
    private static String caBundle;

    private LocalWebhookServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<JsonNode> mutating = new ArrayList<>();
    private final List<JsonNode> validating = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaces = new java.util.HashMap<>(Map.of(
            "default", Map.of("kubernetes.io/metadata.name", "default"),
            "prod", Map.of("kubernetes.io/metadata.name", "prod", "env", "prod")));
    private WebhookAdmission admission;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.selfSigned("localhost", "webhook.system.svc");
        otherCa = TestCertificates.selfSigned("localhost");
        caBundle = certificates.caBundle();
    }

    @BeforeEach
    void startWebhooks() throws Exception {
        server = new LocalWebhookServer(certificates)
                .answer("/add-label", request -> patchResponse(
                        "[{\"op\":\"add\",\"path\":\"/metadata/labels/injected\",\"value\":\"yes\"}]"))
                .answer("/deny", request -> denial(403, "Forbidden", "pods named evil are not allowed"))
                .answer("/deny-without-code", request -> denial(0, "", "no thanks"))
                .answer("/allow", request -> allowed().set("warnings", MAPPER.createArrayNode().add("be careful")))
                .answer("/hang", request -> {
                    await(release);
                    return allowed();
                });
        admission = new WebhookAdmission(() -> mutating, () -> validating, namespaces::get,
                new HttpsWebhookTransport(service -> URI.create("https://127.0.0.1:" + server.port()
                        + service.path("path").asText())));
    }

    @AfterEach
    void stopWebhooks() {
        release.countDown();
        server.close();
    }

    @Test
    void mutatingWebhookAddsLabelThroughJsonPatch() {
        mutating.add(configuration("inject", webhook("inject.example.com", "/add-label")));

        MutationResult result = admission.mutate(createPod("default", "web"));

        assertThat(result.object().at("/metadata/labels/injected").asText()).isEqualTo("yes");
        assertThat(result.object().at("/metadata/labels/app").asText()).isEqualTo("web");
    }

    @Test
    void sendsAdmissionReviewAsKubeApiserverDoes() {
        mutating.add(configuration("inject", webhook("inject.example.com", "/add-label")));

        admission.mutate(createPod("default", "web"));

        LocalWebhookServer.Received received = server.receivedAt("/add-label").getFirst();
        assertThat(received.uri().getQuery()).isEqualTo("timeout=10s");
        JsonNode review = received.review();
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        JsonNode request = review.path("request");
        assertThat(request.path("uid").asText()).hasSize(36);
        assertThat(request.path("kind").toString()).isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}");
        assertThat(request.path("resource").toString())
                .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"}");
        assertThat(request.path("requestKind")).isEqualTo(request.path("kind"));
        assertThat(request.path("requestResource")).isEqualTo(request.path("resource"));
        assertThat(request.has("subResource")).isFalse();
        assertThat(request.path("name").asText()).isEqualTo("web");
        assertThat(request.path("namespace").asText()).isEqualTo("default");
        assertThat(request.path("operation").asText()).isEqualTo("CREATE");
        assertThat(request.path("userInfo").toString())
                .isEqualTo("{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]}");
        assertThat(request.path("object").at("/metadata/name").asText()).isEqualTo("web");
        assertThat(request.get("oldObject").isNull()).isTrue();
        assertThat(request.path("dryRun").asBoolean(true)).isFalse();
        assertThat(request.path("options").toString())
                .isEqualTo("{\"kind\":\"CreateOptions\",\"apiVersion\":\"meta.k8s.io/v1\"}");
    }

    @Test
    void denialCarriesWebhookNameMessageAndCode() {
        validating.add(configuration("policy", webhook("deny.example.com", "/deny")));

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(createPod("default", "evil")));

        assertThat(denied.code()).isEqualTo(403);
        assertThat(denied.reason()).isEqualTo("Forbidden");
        assertThat(denied.getMessage())
                .isEqualTo("admission webhook \"deny.example.com\" denied the request: pods named evil are not allowed");
    }

    @Test
    void denialWithoutCodeIs400() {
        mutating.add(configuration("policy", webhook("deny.example.com", "/deny-without-code")));

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.mutate(createPod("default", "web")));

        assertThat(denied.code()).isEqualTo(400);
        assertThat(denied.getMessage()).isEqualTo("admission webhook \"deny.example.com\" denied the request: no thanks");
        assertThat(denied.toStatus().path("status").asText()).isEqualTo("Failure");
    }

    @Test
    void timeoutWithFailurePolicyFailRejectsWithInternalError() {
        validating.add(configuration("slow", webhook("slow.example.com", "/hang").put("timeoutSeconds", 1)));

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(createPod("default", "web")));

        assertThat(denied.code()).isEqualTo(500);
        assertThat(denied.reason()).isEqualTo("InternalError");
        assertThat(denied.getMessage()).isEqualTo("Internal error occurred: failed calling webhook \"slow.example.com\": "
                + "failed to call webhook: Post \"" + server.url("/hang") + "?timeout=1s\": context deadline exceeded");
    }

    @Test
    void timeoutWithFailurePolicyIgnoreLetsTheRequestThrough() {
        mutating.add(configuration("slow", webhook("slow.example.com", "/hang")
                .put("timeoutSeconds", 1).put("failurePolicy", "Ignore")));
        mutating.add(configuration("then-inject", webhook("inject.example.com", "/add-label")));

        MutationResult result = admission.mutate(createPod("default", "web"));

        assertThat(result.object().at("/metadata/labels/injected").asText()).isEqualTo("yes");
    }

    @Test
    void unknownCertificateAuthorityFailsTheCallClosedOrOpen() throws Exception {
        validating.add(configuration("tls", webhook("tls.example.com", "/allow").put("failurePolicy", "Fail")));
        ((ObjectNode) validating.getFirst().path("webhooks").get(0).path("clientConfig"))
                .put("caBundle", otherCa.caBundle());

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(createPod("default", "web")));
        assertThat(denied.code()).isEqualTo(500);
        assertThat(denied.getMessage()).isEqualTo("Internal error occurred: failed calling webhook \"tls.example.com\": "
                + "failed to call webhook: Post \"" + server.url("/allow") + "?timeout=10s\": tls: failed to verify certificate: x509: certificate signed by unknown authority");

        ((ObjectNode) validating.getFirst().path("webhooks").get(0)).put("failurePolicy", "Ignore");
        assertThat(admission.validate(createPod("default", "web"))).isEmpty();
        assertThat(server.receivedAt("/allow")).isEmpty();
    }

    @Test
    void serviceReferenceIsCheckedAgainstTheServiceDnsName() {
        ObjectNode hook = webhook("svc.example.com", "/allow");
        ObjectNode clientConfig = (ObjectNode) hook.path("clientConfig");
        clientConfig.remove("url");
        clientConfig.putObject("service").put("namespace", "system").put("name", "webhook").put("path", "/allow");
        validating.add(configuration("svc", hook));

        assertThat(admission.validate(createPod("default", "web"))).containsExactly("be careful");
    }

    @Test
    void validatingWebhooksAreCalledInParallel() {
        CountDownLatch bothArrived = new CountDownLatch(2);
        server.answer("/rendezvous", request -> {
            bothArrived.countDown();
            // only answers allowed when the other call is in flight at the same time
            return await(bothArrived) ? allowed() : denial(403, "", "called one after the other");
        });
        validating.add(configuration("a", webhook("a.example.com", "/rendezvous")));
        validating.add(configuration("b", webhook("b.example.com", "/rendezvous")));

        assertThat(admission.validate(createPod("default", "web"))).isEmpty();
        assertThat(server.receivedAt("/rendezvous")).hasSize(2);
    }

    @Test
    void responseWithAnotherUidIsACallFailure() {
        validating.add(configuration("stale", webhook("stale.example.com", "/stale")));
        WebhookAdmission lying = new WebhookAdmission(List::of, () -> validating, namespaces::get,
                (config, review, timeout) -> {
                    ObjectNode answer = MAPPER.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                            .put("kind", "AdmissionReview");
                    answer.putObject("response").put("uid", "not-it").put("allowed", true);
                    return answer;
                });

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> lying.validate(createPod("default", "web")));

        assertThat(denied.getMessage()).startsWith("Internal error occurred: failed calling webhook \"stale.example.com\": "
                + "received invalid webhook response: expected response.uid=\"");
    }

    @Test
    void dryRunSkipsNothingButRefusesWebhooksWithSideEffects() {
        ObjectNode hook = webhook("effects.example.com", "/allow").put("sideEffects", "Some")
                .put("failurePolicy", "Ignore");
        validating.add(configuration("effects", hook));
        AdmissionAttributes dryRun = withDryRun(createPod("default", "web"));

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(dryRun));

        assertThat(denied.code()).isEqualTo(400);
        assertThat(denied.reason()).isEqualTo("BadRequest");
        assertThat(denied.getMessage()).isEqualTo("admission webhook \"effects.example.com\" does not support dry run");

        hook.put("sideEffects", "NoneOnDryRun");
        assertThat(admission.validate(dryRun)).containsExactly("be careful");
        JsonNode sent = server.receivedAt("/allow").getFirst().review().path("request");
        assertThat(sent.path("dryRun").asBoolean()).isTrue();
        assertThat(sent.at("/options/dryRun/0").asText()).isEqualTo("All");
    }

    @Test
    void reinvokesIfNeededWebhookWhenALaterWebhookChangedTheObject() {
        server.answer("/add-b", request -> request.at("/object/metadata/labels/b").isMissingNode()
                ? patchResponse("[{\"op\":\"add\",\"path\":\"/metadata/labels/b\",\"value\":\"1\"}]")
                : allowed());
        mutating.add(configuration("1-first", webhook("first.example.com", "/allow")
                .put("reinvocationPolicy", "IfNeeded")));
        mutating.add(configuration("2-second", webhook("second.example.com", "/add-b")));

        MutationResult result = admission.mutate(createPod("default", "web"));

        assertThat(result.object().at("/metadata/labels/b").asText()).isEqualTo("1");
        assertThat(server.receivedAt("/allow")).hasSize(2);
        assertThat(server.receivedAt("/allow").get(1).review().at("/request/object/metadata/labels/b").asText())
                .isEqualTo("1");
        assertThat(server.receivedAt("/add-b")).hasSize(1);
        assertThat(result.warnings()).containsExactly("be careful");
    }

    @Test
    void neverReinvokesByDefault() {
        mutating.add(configuration("1-first", webhook("first.example.com", "/allow")));
        mutating.add(configuration("2-second", webhook("second.example.com", "/add-label")));

        admission.mutate(createPod("default", "web"));

        assertThat(server.receivedAt("/allow")).hasSize(1);
    }

    @Test
    void patchOnDeleteIsAnInternalError() {
        ObjectNode hook = webhook("inject.example.com", "/add-label");
        ((ArrayNode) hook.at("/rules/0/operations")).add("DELETE");
        mutating.add(configuration("inject", hook));
        AdmissionAttributes delete = new AdmissionAttributes("DELETE", "", "v1", "Pod", "pods", "", "default", "web",
                null, pod("web"), false, "alice", List.of(), null);

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.mutate(delete));

        assertThat(denied.getMessage()).isEqualTo("Internal error occurred: admission webhook \"inject.example.com\" "
                + "attempted to modify the object, which is not supported for this operation");
    }

    // ---- helpers

    static ObjectNode allowed() {
        return MAPPER.createObjectNode().put("allowed", true);
    }

    static ObjectNode patchResponse(String jsonPatch) {
        return allowed().put("patchType", "JSONPatch")
                .put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }

    static ObjectNode denial(int code, String reason, String message) {
        ObjectNode response = MAPPER.createObjectNode().put("allowed", false);
        ObjectNode status = response.putObject("status").put("message", message);
        if (code != 0) {
            status.put("code", code);
        }
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        return response;
    }

    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    ObjectNode webhook(String name, String path) {
        ObjectNode hook = MAPPER.createObjectNode().put("name", name);
        hook.putObject("clientConfig").put("url", server.url(path)).put("caBundle", caBundle);
        ObjectNode rule = hook.putArray("rules").addObject();
        rule.putArray("operations").add("CREATE").add("UPDATE");
        rule.putArray("apiGroups").add("");
        rule.putArray("apiVersions").add("v1");
        rule.putArray("resources").add("pods");
        hook.put("sideEffects", "None");
        hook.putArray("admissionReviewVersions").add("v1");
        return hook;
    }

    static ObjectNode configuration(String name, ObjectNode... webhooks) {
        ObjectNode configuration = MAPPER.createObjectNode();
        configuration.putObject("metadata").put("name", name);
        ArrayNode list = configuration.putArray("webhooks");
        for (ObjectNode hook : webhooks) {
            list.add(hook);
        }
        return configuration;
    }

    static ObjectNode pod(String name) {
        ObjectNode pod = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", "default").putObject("labels").put("app", name);
        pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "nginx");
        return pod;
    }

    static AdmissionAttributes createPod(String namespace, String name) {
        return new AdmissionAttributes("CREATE", "", "v1", "Pod", "pods", "", namespace, name, pod(name), null, false,
                "alice", List.of("system:authenticated"), null);
    }

    static AdmissionAttributes withDryRun(AdmissionAttributes a) {
        return new AdmissionAttributes(a.operation(), a.group(), a.version(), a.kind(), a.resource(), a.subresource(),
                a.namespace(), a.name(), a.object(), a.oldObject(), true, a.userName(), a.userGroups(), a.options());
    }
}
