package dev.skiff.engine.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which webhooks get called: namespaceSelector, objectSelector, exempt resources, ordering. */
class WebhookSelectionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<String> called = new CopyOnWriteArrayList<>();
    private final List<JsonNode> configurations = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaces = Map.of(
            "default", Map.of("kubernetes.io/metadata.name", "default"),
            "prod", Map.of("kubernetes.io/metadata.name", "prod", "env", "prod"));
    private final WebhookAdmission admission = new WebhookAdmission(() -> configurations, () -> configurations,
            namespaces::get, (clientConfig, review, timeout) -> {
                called.add(clientConfig.path("url").asText());
                ObjectNode answer = MAPPER.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                        .put("kind", "AdmissionReview");
                answer.putObject("response").put("uid", review.at("/request/uid").asText()).put("allowed", true);
                return answer;
            });

    private ObjectNode hook(String name) {
        ObjectNode hook = WebhookAdmissionTestHooks.webhook(name);
        ObjectNode configuration = MAPPER.createObjectNode();
        configuration.putObject("metadata").put("name", name);
        configuration.putArray("webhooks").add(hook);
        configurations.add(configuration);
        return hook;
    }

    private static ObjectNode selector(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void namespaceSelectorPicksNamespacesByLabel() {
        hook("prod-only").set("namespaceSelector", selector("{'matchLabels':{'env':'prod'}}"));

        admission.validate(WebhookAdmissionTest.createPod("default", "web"));
        assertThat(called).isEmpty();
        admission.validate(WebhookAdmissionTest.createPod("prod", "web"));
        assertThat(called).containsExactly("https://hooks/prod-only");
    }

    @Test
    void namespaceSelectorExpressions() {
        hook("not-prod").set("namespaceSelector",
                selector("{'matchExpressions':[{'key':'env','operator':'NotIn','values':['prod']}]}"));

        admission.validate(WebhookAdmissionTest.createPod("default", "web"));
        admission.validate(WebhookAdmissionTest.createPod("prod", "web"));

        assertThat(called).containsExactly("https://hooks/not-prod");
    }

    @Test
    void missingNamespaceIsNotFoundWhenARuleMatches() {
        hook("prod-only").set("namespaceSelector", selector("{'matchLabels':{'env':'prod'}}"));

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(WebhookAdmissionTest.createPod("gone", "web")));

        assertThat(denied.code()).isEqualTo(404);
        assertThat(denied.getMessage()).isEqualTo("namespaces \"gone\" not found");
    }

    @Test
    void namespaceCreationIsSelectedByTheNewNamespaceLabels() {
        ObjectNode hook = hook("prod-namespaces");
        hook.set("namespaceSelector", selector("{'matchLabels':{'env':'prod'}}"));
        ((ObjectNode) hook.withArray("rules").get(0)).putArray("resources").add("namespaces");
        ObjectNode namespace = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", "new-prod").putObject("labels").put("env", "prod");

        admission.validate(new AdmissionAttributes("CREATE", "", "v1", "Namespace", "namespaces", "", "new-prod",
                "new-prod", namespace, null, false, "alice", List.of(), null));

        assertThat(called).containsExactly("https://hooks/prod-namespaces");
    }

    @Test
    void clusterScopedObjectsIgnoreNamespaceSelector() {
        ObjectNode hook = hook("nodes");
        hook.set("namespaceSelector", selector("{'matchLabels':{'env':'prod'}}"));
        ((ObjectNode) hook.withArray("rules").get(0)).putArray("resources").add("nodes");

        admission.validate(new AdmissionAttributes("CREATE", "", "v1", "Node", "nodes", "", "", "n1",
                MAPPER.createObjectNode(), null, false, "alice", List.of(), null));

        assertThat(called).containsExactly("https://hooks/nodes");
    }

    @Test
    void objectSelectorLooksAtNewAndOldLabels() {
        hook("managed").set("objectSelector",
                selector("{'matchExpressions':[{'key':'managed','operator':'Exists'}]}"));
        ObjectNode plain = WebhookAdmissionTest.pod("web");
        ObjectNode managed = WebhookAdmissionTest.pod("web");
        ((ObjectNode) managed.at("/metadata/labels")).put("managed", "true");

        admission.validate(new AdmissionAttributes("UPDATE", "", "v1", "Pod", "pods", "", "default", "web", plain,
                plain, false, "alice", List.of(), null));
        assertThat(called).isEmpty();
        admission.validate(new AdmissionAttributes("UPDATE", "", "v1", "Pod", "pods", "", "default", "web", plain,
                managed, false, "alice", List.of(), null));
        assertThat(called).hasSize(1);
    }

    @Test
    void webhookConfigurationsThemselvesAreNeverSentToWebhooks() {
        ObjectNode hook = hook("everything");
        ((ObjectNode) hook.withArray("rules").get(0)).putArray("apiGroups").add("*");
        ((ObjectNode) hook.withArray("rules").get(0)).putArray("resources").add("*");

        admission.validate(new AdmissionAttributes("CREATE", "admissionregistration.k8s.io", "v1",
                "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "", "", "x",
                MAPPER.createObjectNode(), null, false, "alice", List.of(), null));

        assertThat(called).isEmpty();
    }

    @Test
    void mutatingWebhooksRunInConfigurationNameOrder() {
        hook("b-second");
        hook("a-first");

        admission.mutate(WebhookAdmissionTest.createPod("default", "web"));

        assertThat(called).containsExactly("https://hooks/a-first", "https://hooks/b-second");
    }

    @Test
    void webhookWithoutAdmissionReviewV1FailsPerFailurePolicy() {
        hook("old").putArray("admissionReviewVersions").add("v1beta1");

        AdmissionDeniedException denied = catchThrowableOfType(AdmissionDeniedException.class,
                () -> admission.validate(WebhookAdmissionTest.createPod("default", "web")));

        assertThat(denied.getMessage()).isEqualTo("Internal error occurred: failed calling webhook \"old\": "
                + "could not create admission objects: webhook does not accept known AdmissionReview versions (v1, v1beta1)");
    }
}
