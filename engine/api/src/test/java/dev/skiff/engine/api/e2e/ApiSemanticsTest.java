package dev.skiff.engine.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.store.StoreOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status codes, Status bodies and resourceVersion rules, checked over plain HTTPS. */
class ApiSemanticsTest {
    static TestEngine engine;
    static ApiHttp api;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(new StoreOptions(200, 50), Duration.ofMillis(200));
        api = ApiHttp.of(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static String configMap(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"k\":\"" + value + "\"}}";
    }

    @Test
    void aRequestWithoutAValidTokenIs401ButVersionIsPublic() {
        ApiHttp.Response r = api.send("GET", "/api/v1/namespaces", null, null, false);
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.json().path("reason").asText()).isEqualTo("Unauthorized");
        assertThat(api.send("GET", "/version", null, null, false).json().path("gitVersion").asText())
                .startsWith("v1.32.");
    }

    @Test
    void createSetsServerOwnedMetadataAndGenerateNameMakesAName() {
        JsonNode created = api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}").json();
        assertThat(created.at("/metadata/name").asText()).matches("gen-[a-z0-9]{5}");
        assertThat(created.at("/metadata/uid").asText()).hasSize(36);
        assertThat(created.at("/metadata/creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.at("/metadata/resourceVersion").asText()).matches("\\d+");
        JsonNode deploy = api.post("/apis/apps/v1/namespaces/default/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"gen-test"},
                 "spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"c","image":"i"}]}}},"status":{"replicas":9}}""").json();
        assertThat(deploy.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(deploy.at("/status/replicas").isMissingNode()).as("status is reset on create").isTrue();
    }

    @Test
    void errorsAreStatusesWithTheRightCodeAndReason() {
        ApiHttp.Response missing = api.get("/api/v1/namespaces/default/configmaps/nope");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().path("kind").asText()).isEqualTo("Status");
        assertThat(missing.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(missing.json().path("message").asText()).isEqualTo("configmaps \"nope\" not found");
        assertThat(missing.json().at("/details/name").asText()).isEqualTo("nope");

        api.post("/api/v1/namespaces/default/configmaps", configMap("dup", "1"));
        ApiHttp.Response dup = api.post("/api/v1/namespaces/default/configmaps", configMap("dup", "1"));
        assertThat(dup.code()).isEqualTo(409);
        assertThat(dup.json().path("reason").asText()).isEqualTo("AlreadyExists");

        ApiHttp.Response badName = api.post("/api/v1/namespaces/default/configmaps", configMap("Bad_Name", "1"));
        assertThat(badName.code()).isEqualTo(422);
        assertThat(badName.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(badName.json().at("/details/causes/0/field").asText()).isEqualTo("metadata.name");

        ApiHttp.Response noNamespace = api.post("/api/v1/namespaces/ghost/configmaps", configMap("x", "1"));
        assertThat(noNamespace.code()).isEqualTo(404);
        assertThat(noNamespace.json().path("message").asText()).isEqualTo("namespaces \"ghost\" not found");

        ApiHttp.Response malformed = api.post("/api/v1/namespaces/default/configmaps", "{\"apiVersion\":");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.json().path("reason").asText()).isEqualTo("BadRequest");

        ApiHttp.Response unknownKind = api.get("/apis/example.com/v1/namespaces/default/widgets");
        assertThat(unknownKind.code()).isEqualTo(404);

        ApiHttp.Response wrongType = api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"t\"},\"data\":{\"k\":[1]}}");
        assertThat(wrongType.code()).isEqualTo(400);

        ApiHttp.Response strict = api.send("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
                "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"s\"},"
                        + "\"data\":{},\"data\":{}}");
        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.json().path("message").asText()).contains("duplicate field \"data\"");
    }

    @Test
    void anOversizedObjectIs413AndNothingIsStored() {
        String big = "x".repeat(1_600_000);
        ApiHttp.Response r = api.post("/apis/apps/v1/namespaces/default/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"big"},
                 "spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"c","image":"i","env":[{"name":"BIG","value":"%s"}]}]}}}}"""
                .formatted(big));
        assertThat(r.code()).isEqualTo(413);
        assertThat(r.json().path("reason").asText()).isEqualTo("RequestEntityTooLarge");
        assertThat(api.get("/apis/apps/v1/namespaces/default/deployments/big").code()).isEqualTo(404);
    }

    @Test
    void aConfigMapOverOneMebibyteIsInvalidAsInKubernetes() {
        ApiHttp.Response r = api.post("/api/v1/namespaces/default/configmaps", configMap("toobig", "x".repeat(1_100_000)));
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.json().path("message").asText()).contains("Too long");
    }

    @Test
    void anInvalidDeploymentNamesEveryBadField() {
        ApiHttp.Response r = api.post("/apis/apps/v1/namespaces/default/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"bad"},
                 "spec":{"replicas":-1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"c"}},
                 "spec":{"containers":[{"name":"C_1","image":""}]}}}}""");
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.json().at("/details/causes")).extracting(c -> c.path("field").asText())
                .contains("spec.replicas", "spec.template.metadata.labels", "spec.template.spec.containers[0].name",
                        "spec.template.spec.containers[0].image");
    }

    @Test
    void updateWithAStaleResourceVersionIs409AndLeavesTheObject() {
        JsonNode created = api.post("/api/v1/namespaces/default/configmaps", configMap("stale", "1")).json();
        String rv = created.at("/metadata/resourceVersion").asText();
        String v2 = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"stale\",\"resourceVersion\":\""
                + rv + "\"},\"data\":{\"k\":\"2\"}}";
        assertThat(api.put("/api/v1/namespaces/default/configmaps/stale", v2).code()).isEqualTo(200);

        ApiHttp.Response conflict = api.put("/api/v1/namespaces/default/configmaps/stale", v2.replace("\"2\"", "\"3\""));

        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(conflict.json().path("message").asText()).contains("the object has been modified");
        assertThat(api.get("/api/v1/namespaces/default/configmaps/stale").json().at("/data/k").asText()).isEqualTo("2");
    }

    @Test
    void anUnchangedUpdateWritesNothing() {
        JsonNode created = api.post("/api/v1/namespaces/default/configmaps", configMap("same", "1")).json();
        JsonNode again = api.put("/api/v1/namespaces/default/configmaps/same", created.toString()).json();
        assertThat(again.at("/metadata/resourceVersion").asText())
                .isEqualTo(created.at("/metadata/resourceVersion").asText());
    }

    @Test
    void listPagesWithLimitAndContinue() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"paging\"}}");
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/namespaces/paging/configmaps", configMap("p" + i, "v"));
        }
        JsonNode first = api.get("/api/v1/namespaces/paging/configmaps?limit=2").json();
        assertThat(first.path("items")).hasSize(2);
        String token = first.at("/metadata/continue").asText();
        assertThat(token).isNotEmpty();
        JsonNode second = api.get("/api/v1/namespaces/paging/configmaps?limit=2&continue=" + token).json();
        JsonNode third = api.get("/api/v1/namespaces/paging/configmaps?limit=2&continue="
                + second.at("/metadata/continue").asText()).json();
        assertThat(third.path("items")).hasSize(1);
        assertThat(third.at("/metadata/continue").isMissingNode()).isTrue();
        assertThat(first.at("/metadata/resourceVersion").asText()).isEqualTo(third.at("/metadata/resourceVersion").asText());
        assertThat(api.get("/api/v1/namespaces/paging/configmaps?continue=garbage").code()).isEqualTo(400);
    }

    @Test
    void watchFromAVersionDeliversExactlyTheLaterChanges() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w1\"}}");
        JsonNode a = api.post("/api/v1/namespaces/w1/configmaps", configMap("a", "1")).json();
        api.post("/api/v1/namespaces/w1/configmaps", configMap("b", "1"));
        api.delete("/api/v1/namespaces/w1/configmaps/a");
        String from = a.at("/metadata/resourceVersion").asText();

        HttpResponse<Stream<String>> watch = api.watch("/api/v1/namespaces/w1/configmaps?watch=true&resourceVersion="
                + from + "&timeoutSeconds=1");

        List<String> events = watch.body().map(l -> api.jsonOf(l).path("type").asText() + " "
                + api.jsonOf(l).at("/object/metadata/name").asText()).toList();
        assertThat(events).containsExactly("ADDED b", "DELETED a");
    }

    @Test
    void watchWithoutAVersionStartsWithEveryObjectAsAdded() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w2\"}}");
        api.post("/api/v1/namespaces/w2/configmaps", configMap("x", "1"));
        api.post("/api/v1/namespaces/w2/configmaps", configMap("y", "1"));

        List<String> events = api.watch("/api/v1/namespaces/w2/configmaps?watch=1&timeoutSeconds=1").body()
                .map(l -> api.jsonOf(l).path("type").asText() + " " + api.jsonOf(l).at("/object/metadata/name").asText())
                .toList();
        assertThat(events).containsExactly("ADDED x", "ADDED y");
    }

    @Test
    void watchOverWebSocketSendsOneEventPerFrame() throws Exception {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ws\"}}");
        List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.WebSocket ws = api.webSocketWatch("/api/v1/namespaces/ws/configmaps?watch=true", frames);
        try {
            api.post("/api/v1/namespaces/ws/configmaps", configMap("over-ws", "1"));
            Eventually.waitFor(() -> !frames.isEmpty());
            JsonNode event = api.jsonOf(frames.get(0));
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.at("/object/metadata/name").asText()).isEqualTo("over-ws");
        } finally {
            ws.abort();
        }
    }

    @Test
    void watchSendsBookmarksWhenAllowed() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w3\"}}");
        String rv = api.get("/api/v1/namespaces/w3/configmaps").json().at("/metadata/resourceVersion").asText();
        Iterator<String> lines = api.watch("/api/v1/namespaces/w3/configmaps?watch=true&allowWatchBookmarks=true"
                + "&resourceVersion=" + rv + "&timeoutSeconds=5").body().iterator();
        JsonNode first = api.jsonOf(lines.next());
        assertThat(first.path("type").asText()).isEqualTo("BOOKMARK");
        assertThat(first.at("/object/kind").asText()).isEqualTo("ConfigMap");
        assertThat(Long.parseLong(first.at("/object/metadata/resourceVersion").asText())).isGreaterThanOrEqualTo(Long.parseLong(rv));
    }

    @Test
    void watchFromACompactedVersionGetsA410Expired() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w4\"}}");
        String old = api.get("/api/v1/namespaces/w4/configmaps").json().at("/metadata/resourceVersion").asText();
        for (int i = 0; i < 250; i++) {
            api.post("/api/v1/namespaces/w4/configmaps", configMap("c" + i, "v"));
        }
        List<String> lines = api.watch("/api/v1/namespaces/w4/configmaps?watch=true&resourceVersion=" + old).body().toList();
        assertThat(lines).hasSize(1);
        JsonNode event = api.jsonOf(lines.get(0));
        assertThat(event.path("type").asText()).isEqualTo("ERROR");
        assertThat(event.at("/object/code").asInt()).isEqualTo(410);
        assertThat(event.at("/object/reason").asText()).isEqualTo("Expired");
    }

    @Test
    void theStatusSubresourceChangesOnlyStatusAndTheMainResourceKeepsIt() {
        String base = "/apis/apps/v1/namespaces/default/deployments";
        api.post(base, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"split"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        JsonNode afterStatus = api.patch(base + "/split/status", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5},\"status\":{\"replicas\":1}}").json();
        assertThat(afterStatus.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(afterStatus.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(afterStatus.at("/metadata/generation").asInt()).isEqualTo(1);

        JsonNode afterSpec = api.patch(base + "/split", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":7}}").json();
        assertThat(afterSpec.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(afterSpec.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(afterSpec.at("/metadata/generation").asInt()).isEqualTo(2);

        JsonNode scale = api.get(base + "/split/scale").json();
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("a=b");
    }

    @Test
    void strategicMergePatchOfAnUnknownContentTypeIs415() {
        api.post("/api/v1/namespaces/default/configmaps", configMap("ct", "1"));
        ApiHttp.Response r = api.patch("/api/v1/namespaces/default/configmaps/ct", "application/xml", "<x/>");
        assertThat(r.code()).isEqualTo(415);
    }

    @Test
    void aPodOnANodeIsDeletedGracefullyAndAForcedDeleteRemovesItAtOnce() {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\"},\"spec\":{%s"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
        api.post("/api/v1/namespaces/default/pods", pod.formatted("running", "\"nodeName\":\"node-1\","));
        api.post("/api/v1/namespaces/default/pods", pod.formatted("unscheduled", ""));

        JsonNode terminating = api.delete("/api/v1/namespaces/default/pods/running").json();
        assertThat(terminating.at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(terminating.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        assertThat(api.get("/api/v1/namespaces/default/pods/running").code()).as("waits for its node").isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/default/pods/unscheduled").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/default/pods/unscheduled").code()).as("no node to wait for")
                .isEqualTo(404);

        assertThat(api.send("DELETE", "/api/v1/namespaces/default/pods/running", "application/json",
                "{\"gracePeriodSeconds\":0}").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/default/pods/running").code()).isEqualTo(404);
    }

    @Test
    void eventsAreOneStoreSeenThroughBothEventApis() {
        JsonNode created = api.post("/apis/events.k8s.io/v1/namespaces/default/events", """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e1"},
                 "eventTime":"2026-11-23T10:00:00.000000Z","reportingController":"skiff.dev/test",
                 "reportingInstance":"test-1","action":"Testing","reason":"Checked","type":"Normal",
                 "note":"seen from both sides","regarding":{"kind":"ConfigMap","namespace":"default","name":"x"}}""")
                .json();
        assertThat(created.path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
        assertThat(created.path("note").asText()).isEqualTo("seen from both sides");

        JsonNode core = api.get("/api/v1/namespaces/default/events/e1").json();
        assertThat(core.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(core.path("message").asText()).isEqualTo("seen from both sides");
        assertThat(core.at("/involvedObject/name").asText()).isEqualTo("x");
        assertThat(core.path("reportingComponent").asText()).isEqualTo("skiff.dev/test");

        api.patch("/api/v1/namespaces/default/events/e1", "application/merge-patch+json",
                "{\"message\":\"changed through core\"}");
        JsonNode viaV1 = api.get("/apis/events.k8s.io/v1/namespaces/default/events").json();
        assertThat(viaV1.path("kind").asText()).isEqualTo("EventList");
        assertThat(viaV1.path("items")).extracting(i -> i.path("note").asText()).contains("changed through core");
        List<String> watched = api.watch("/apis/events.k8s.io/v1/namespaces/default/events?watch=true&timeoutSeconds=1")
                .body().map(l -> api.jsonOf(l).at("/object/note").asText()).toList();
        assertThat(watched).contains("changed through core");
        assertThat(api.delete("/apis/events.k8s.io/v1/namespaces/default/events/e1").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/default/events/e1").code()).isEqualTo(404);
    }

    @Test
    void deleteCollectionRemovesOnlyTheSelectedObjects() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"dc\"}}");
        api.post("/api/v1/namespaces/dc/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"keep\"}}");
        api.post("/api/v1/namespaces/dc/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"drop\",\"labels\":{\"x\":\"y\"}}}");
        assertThat(api.delete("/api/v1/namespaces/dc/configmaps?labelSelector=x%3Dy").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/dc/configmaps").json().path("items")).extracting(
                i -> i.at("/metadata/name").asText()).containsExactly("keep");
    }

    @Test
    void deletingANamespaceEmptiesItThenRemovesIt() throws Exception {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}");
        api.post("/api/v1/namespaces/doomed/configmaps", configMap("inside", "1"));
        assertThat(api.get("/api/v1/namespaces/doomed").json().at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
        JsonNode terminating = api.delete("/api/v1/namespaces/doomed").json();
        assertThat(terminating.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThat(terminating.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        Eventually.waitFor(() -> api.get("/api/v1/namespaces/doomed").code() == 404);
        assertThat(api.get("/api/v1/namespaces/doomed/configmaps/inside").code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/namespaces/default").code()).isEqualTo(403);
    }

    @Test
    void discoveryAnswersBothForms() {
        ApiHttp.Response aggregated = api.send("GET", "/apis", null, null, true);
        assertThat(aggregated.json().path("kind").asText()).isEqualTo("APIGroupList");
        JsonNode resources = api.get("/apis/apps/v1").json();
        assertThat(resources.path("resources")).extracting(r -> r.path("name").asText())
                .contains("deployments", "deployments/scale", "deployments/status", "replicasets");
    }
}
