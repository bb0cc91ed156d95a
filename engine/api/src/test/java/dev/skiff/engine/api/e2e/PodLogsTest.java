package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.discovery.Discovery;
import dev.skiff.engine.api.node.PodLogs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code pods/log} through the real kubectl and over plain HTTPS, with a scripted node agent behind it. */
@Tag("e2e")
class PodLogsTest {
    static TestEngine engine;
    static Kubectl kubectl;
    static ApiHttp api;
    ScriptedPodLogs logs;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
        api = ApiHttp.of(engine);
        kubectl.apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: logs}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: logs}
                spec:
                  containers:
                  - {name: web, image: registry.example/web:1}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: multi, namespace: logs}
                spec:
                  initContainers:
                  - {name: setup, image: registry.example/setup:1}
                  containers:
                  - {name: app, image: registry.example/app:1}
                  - {name: sidecar, image: registry.example/sidecar:1}
                """).assertOk();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void plugInTheNodeAgent() {
        logs = new ScriptedPodLogs();
        engine.server().usePodLogs(logs);
    }

    @Test
    void logsPrintsTheOnlyContainersOutput() throws Exception {
        Kubectl.Result r = kubectl.run("-n", "logs", "logs", "web").assertOk();

        assertThat(r.out()).isEqualTo("hello from web\n");
        ScriptedPodLogs.Request request = logs.requests.take();
        assertThat(request.namespace()).isEqualTo("logs");
        assertThat(request.pod()).isEqualTo("web");
        assertThat(request.options().container()).isEqualTo("web");
        assertThat(request.options().follow()).isFalse();
    }

    @Test
    void containerTailTimestampsLimitAndSinceReachTheNodeAgent() throws Exception {
        Instant before = Instant.now();
        Kubectl.Result r = kubectl.run("-n", "logs", "logs", "multi", "-c", "sidecar", "--tail=5", "--timestamps",
                "--limit-bytes=1000", "--since=1h").assertOk();
        Instant after = Instant.now();

        assertThat(r.out()).isEqualTo("hello from sidecar\n");
        var options = logs.requests.take().options();
        assertThat(options.container()).isEqualTo("sidecar");
        assertThat(options.tailLines()).isEqualTo(5L);
        assertThat(options.timestamps()).isTrue();
        assertThat(options.limitBytes()).isEqualTo(1000L);
        assertThat(options.previous()).isFalse();
        assertThat(options.since()).isBetween(before.minus(Duration.ofHours(1)).minusSeconds(1),
                after.minus(Duration.ofHours(1)));
    }

    @Test
    void followPrintsLinesAsTheContainerWritesThem() throws Exception {
        Process follow = kubectl.start("-n", "logs", "logs", "-f", "web");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(follow.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // ends with the process
            }
        });
        try {
            Eventually.waitFor(() -> lines.contains("first line"));
            assertThat(logs.requests.take().options().follow()).isTrue();

            logs.emit("second line");
            Eventually.waitFor(() -> lines.contains("second line"));
            logs.emit("third line");
            logs.finish();

            assertThat(follow.waitFor(30, TimeUnit.SECONDS)).as("kubectl ends with the log").isTrue();
            reader.join(5000);
            assertThat(follow.exitValue()).isZero();
            assertThat(lines).containsExactly("first line", "second line", "third line");
        } finally {
            follow.destroy();
        }
    }

    @Test
    void aFollowerNoticesWhenKubectlGoesAway() throws Exception {
        Process follow = kubectl.start("-n", "logs", "logs", "-f", "web");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(follow.getInputStream(), UTF_8))) {
            assertThat(r.readLine()).isEqualTo("first line");
            follow.destroy();
            assertThat(logs.clientGone.await(30, TimeUnit.SECONDS)).as("the sink reports the client gone").isTrue();
        } finally {
            follow.destroyForcibly();
        }
    }

    @Test
    void previousSaysThereIsNoEarlierInstance() {
        Kubectl.Result r = kubectl.run("-n", "logs", "logs", "web", "--previous");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Error from server (BadRequest): previous terminated container \"web\" in pod "
                + "\"web\" not found");
    }

    @Test
    void kubectlPicksTheFirstOfSeveralContainersAndSaysSo() {
        Kubectl.Result r = kubectl.run("-n", "logs", "logs", "multi").assertOk();

        assertThat(r.err()).contains("Defaulted container \"app\" out of: app, sidecar, setup (init)");
        assertThat(r.out()).isEqualTo("hello from app\n");
    }

    @Test
    void aMissingPodIsNotFound() {
        Kubectl.Result r = kubectl.run("-n", "logs", "logs", "ghost");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("error from server (NotFound): pods \"ghost\" not found in namespace \"logs\"");
        ApiHttp.Response http = api.get("/api/v1/namespaces/logs/pods/ghost/log");
        assertThat(http.code()).isEqualTo(404);
        assertThat(http.json().path("message").asText()).isEqualTo("pods \"ghost\" not found");
        assertThat(http.json().path("details").path("kind").asText()).isEqualTo("pods");
    }

    @Test
    void theLogIsPlainText() {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/web/log");

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(r.body()).isEqualTo("hello from web\n");
    }

    @Test
    void limitBytesCutsTheLog() {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/web/log?limitBytes=5");

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    @Test
    void severalContainersNeedAName() {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/multi/log");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(r.json().path("message").asText()).isEqualTo("a container name must be specified for pod multi, "
                + "choose one of: [app sidecar] or one of the init containers: [setup]");
    }

    @Test
    void aContainerMustBeOneOfThePods() {
        ApiHttp.Response unknown = api.get("/api/v1/namespaces/logs/pods/web/log?container=nope");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.json().path("message").asText()).isEqualTo("container nope is not valid for pod web");

        ApiHttp.Response init = api.get("/api/v1/namespaces/logs/pods/multi/log?container=setup");
        assertThat(init.code()).isEqualTo(200);
        assertThat(init.body()).isEqualTo("hello from setup\n");
    }

    @Test
    void optionsOutOfBoundsAreInvalidBeforeThePodIsLookedUp() {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/ghost/log?tailLines=-1&limitBytes=0&sinceSeconds=0");

        assertThat(r.code()).isEqualTo(422);
        JsonNode status = r.json();
        assertThat(status.path("reason").asText()).isEqualTo("Invalid");
        assertThat(status.path("message").asText()).isEqualTo("PodLogOptions \"ghost\" is invalid: ["
                + "tailLines: Invalid value: -1: must be greater than or equal to 0, "
                + "limitBytes: Invalid value: 0: must be greater than 0, "
                + "sinceSeconds: Invalid value: 0: must be greater than 0]");
        assertThat(status.path("details").path("kind").asText()).isEqualTo("PodLogOptions");
        assertThat(status.path("details").path("causes")).extracting(c -> c.path("field").asText())
                .containsExactly("tailLines", "limitBytes", "sinceSeconds");
    }

    @Test
    void sinceSecondsAndSinceTimeTogetherAreForbidden() {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/web/log?sinceSeconds=10"
                + "&sinceTime=2026-01-01T00:00:00Z");

        assertThat(r.code()).isEqualTo(422);
        assertThat(r.json().path("message").asText()).isEqualTo("PodLogOptions \"web\" is invalid: : Forbidden: "
                + "at most one of `sinceTime` or `sinceSeconds` may be specified");
        JsonNode cause = r.json().path("details").path("causes").path(0);
        assertThat(cause.path("reason").asText()).isEqualTo("FieldValueForbidden");
        assertThat(cause.has("field")).as("an empty field is left out, as Go does").isFalse();
    }

    @Test
    void valuesThatAreNotNumbersOrTimesAreBadRequests() {
        ApiHttp.Response tail = api.get("/api/v1/namespaces/logs/pods/web/log?tailLines=ten");
        assertThat(tail.code()).isEqualTo(400);
        assertThat(tail.json().path("message").asText()).isEqualTo("strconv.ParseInt: parsing \"ten\": invalid syntax");

        ApiHttp.Response since = api.get("/api/v1/namespaces/logs/pods/web/log?sinceTime=yesterday");
        assertThat(since.code()).isEqualTo(400);
        assertThat(since.json().path("message").asText()).isEqualTo("parsing time \"yesterday\" as "
                + "\"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"");
    }

    @Test
    void sinceTimeReachesTheNodeAgent() throws Exception {
        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/web/log?sinceTime=2026-01-02T03:04:05%2B01:00"
                + "&insecureSkipTLSVerifyBackend=true");

        assertThat(r.code()).isEqualTo(200);
        assertThat(logs.requests.take().options().since()).isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
    }

    @Test
    void onlyGetIsServed() {
        ApiHttp.Response r = api.post("/api/v1/namespaces/logs/pods/web/log", "{}");

        assertThat(r.code()).isEqualTo(405);
        assertThat(r.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void withoutANodeAgentTheServerSaysSo() {
        engine.server().usePodLogs(PodLogs.NONE);

        ApiHttp.Response r = api.get("/api/v1/namespaces/logs/pods/web/log");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("no node agent runs in this engine");
    }

    @Test
    void readingALogNeedsGetOnPodsLogWhichViewGives() {
        kubectl.run("-n", "logs", "create", "serviceaccount", "reader").assertOk();
        String token = kubectl.run("-n", "logs", "create", "token", "reader").assertOk().out().trim();
        ApiHttp reader = new ApiHttp(engine.server().url(), engine.server().kubeconfig().getParent(), token);

        ApiHttp.Response denied = reader.get("/api/v1/namespaces/logs/pods/web/log");
        assertThat(denied.code()).isEqualTo(403);
        assertThat(denied.json().path("message").asText()).isEqualTo("pods \"web\" is forbidden: User "
                + "\"system:serviceaccount:logs:reader\" cannot get resource \"pods/log\" in API group \"\" in the "
                + "namespace \"logs\"");

        kubectl.run("-n", "logs", "create", "rolebinding", "reader-view", "--clusterrole=view",
                "--serviceaccount=logs:reader").assertOk();
        assertThat(reader.get("/api/v1/namespaces/logs/pods/web/log").body()).isEqualTo("hello from web\n");
    }

    @Test
    void discoveryListsPodsLogAsKubernetesDoes() {
        JsonNode legacy = api.get("/api/v1").json();
        List<String> entries = new java.util.ArrayList<>();
        legacy.path("resources").forEach(r -> entries.add(Json.string(r)));
        assertThat(entries).contains("{\"name\":\"pods/log\",\"singularName\":\"\",\"namespaced\":true,"
                + "\"kind\":\"Pod\",\"verbs\":[\"get\"]}");

        JsonNode aggregated = api.get("/api", Discovery.AGGREGATED_V2).json();
        JsonNode pods = null;
        for (JsonNode r : aggregated.at("/items/0/versions/0/resources")) {
            if (r.path("resource").asText().equals("pods")) {
                pods = r;
            }
        }
        assertThat(pods).isNotNull();
        assertThat(pods.path("subresources")).extracting(s -> s.path("subresource").asText())
                .containsExactly("log", "status");
        assertThat(Json.string(pods.path("subresources").path(0).path("verbs"))).isEqualTo("[\"get\"]");
    }
}
