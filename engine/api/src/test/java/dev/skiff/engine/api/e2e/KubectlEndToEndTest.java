package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Drives the real kubectl against a running engine, as a user at a terminal would. */
@Tag("e2e")
class KubectlEndToEndTest {
    static TestEngine engine;
    static Kubectl kubectl;

    static final String APP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: %1$s
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
              namespace: %1$s
            data:
              greeting: hello
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: %1$s
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: %2$s
                    ports:
                    - containerPort: 8080
                    env:
                    - name: GREETING
                      value: hello
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: %1$s
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void applyCreatesEveryDocumentAndReapplyingReportsUnchanged() {
        String out = kubectl.apply(APP.formatted("shop", "registry.example/web:1")).assertOk().out();
        assertThat(out).contains("namespace/shop created", "configmap/web-config created",
                "deployment.apps/web created", "service/web created");
        long revision = engine.server().store().currentRevision();

        String again = kubectl.apply(APP.formatted("shop", "registry.example/web:1")).assertOk().out();

        assertThat(again).contains("namespace/shop unchanged", "configmap/web-config unchanged",
                "deployment.apps/web unchanged", "service/web unchanged");
        assertThat(engine.server().store().currentRevision()).as("no write was made").isEqualTo(revision);
    }

    @Test
    void anEditedFileAppliesAsAPatchThatKeepsWhatOthersChanged() {
        kubectl.apply(APP.formatted("edit", "registry.example/web:1")).assertOk();
        kubectl.run("-n", "edit", "label", "deployment", "web", "owner=team-a").assertOk();

        String out = kubectl.apply(APP.formatted("edit", "registry.example/web:2")).assertOk().out();

        assertThat(out).contains("deployment.apps/web configured");
        String image = kubectl.run("-n", "edit", "get", "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0]"
                        + ".containerPort} {.metadata.labels.owner} {.metadata.generation}").assertOk().out();
        assertThat(image).isEqualTo("registry.example/web:2 8080 team-a 2");
    }

    @Test
    void serverSideApplyCreatesOwnsAndReportsConflicts() {
        String app = APP.formatted("ssa", "registry.example/web:1");
        assertThat(kubectl.apply(app, "--server-side").assertOk().out())
                .contains("namespace/ssa serverside-applied", "deployment.apps/web serverside-applied");
        long revision = engine.server().store().currentRevision();
        kubectl.apply(app, "--server-side").assertOk();
        assertThat(engine.server().store().currentRevision()).as("re-applying changes nothing").isEqualTo(revision);
        assertThat(kubectl.run("-n", "ssa", "get", "deployment", "web", "--show-managed-fields", "-o",
                "jsonpath={.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}")
                .assertOk().out()).isEqualTo("kubectl Apply");

        kubectl.run("-n", "ssa", "scale", "deployment", "web", "--replicas=5").assertOk();
        Kubectl.Result conflict = kubectl.apply(app, "--server-side");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("conflict", ".spec.replicas");

        kubectl.apply(app, "--server-side", "--force-conflicts").assertOk();
        assertThat(kubectl.run("-n", "ssa", "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")
                .assertOk().out()).isEqualTo("2");
    }

    @Test
    void getPrintsEveryOutputFormat() {
        kubectl.apply(APP.formatted("formats", "registry.example/web:1")).assertOk();

        assertThat(kubectl.run("-n", "formats", "get", "deployments").assertOk().out())
                .contains("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE").contains("web").contains("0/2");
        assertThat(kubectl.run("-n", "formats", "get", "deployments", "-o", "wide").assertOk().out())
                .contains("CONTAINERS", "IMAGES", "SELECTOR", "registry.example/web:1", "app=web");
        assertThat(kubectl.run("-n", "formats", "get", "deployment", "web", "-o", "yaml").assertOk().out())
                .contains("kind: Deployment", "name: web", "resourceVersion:", "uid:", "creationTimestamp:");
        assertThat(kubectl.run("-n", "formats", "get", "configmap", "web-config", "-o", "json").assertOk().out())
                .contains("\"greeting\": \"hello\"");
        assertThat(kubectl.run("-n", "formats", "get", "deployments,services", "-o", "name").assertOk().out())
                .isEqualTo("deployment.apps/web\nservice/web\n");
        assertThat(kubectl.run("-n", "formats", "get", "service", "web", "-o", "jsonpath={.spec.ports[0].port}")
                .assertOk().out()).isEqualTo("80");
        assertThat(kubectl.run("get", "configmaps", "-A").assertOk().out())
                .contains("NAMESPACE", "formats", "web-config");
    }

    @Test
    void selectorsNarrowTheList() {
        kubectl.run("create", "namespace", "sel").assertOk();
        kubectl.run("-n", "sel", "create", "configmap", "a", "--from-literal=k=v").assertOk();
        kubectl.run("-n", "sel", "create", "configmap", "b", "--from-literal=k=v").assertOk();
        kubectl.run("-n", "sel", "label", "configmap", "a", "tier=front").assertOk();
        kubectl.run("-n", "sel", "label", "configmap", "b", "tier=back").assertOk();

        assertThat(kubectl.run("-n", "sel", "get", "cm", "-l", "tier=front", "-o", "name").assertOk().out())
                .isEqualTo("configmap/a\n");
        assertThat(kubectl.run("-n", "sel", "get", "cm", "-l", "tier in (front,back),tier!=back", "-o", "name")
                .assertOk().out()).isEqualTo("configmap/a\n");
        assertThat(kubectl.run("-n", "sel", "get", "cm", "--field-selector", "metadata.name=b", "-o", "name")
                .assertOk().out()).isEqualTo("configmap/b\n");
        Kubectl.Result bad = kubectl.run("-n", "sel", "get", "cm", "--field-selector", "spec.nope=1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("spec.nope");
    }

    @Test
    void watchShowsAChangeMadeMeanwhile() throws Exception {
        kubectl.run("create", "namespace", "watching").assertOk();
        kubectl.run("-n", "watching", "create", "configmap", "first", "--from-literal=a=1").assertOk();
        Process watch = kubectl.start("-n", "watching", "get", "configmaps", "-w");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // ends when the process is destroyed
            }
        });
        try {
            Eventually.waitFor(() -> lines.stream().anyMatch(l -> l.startsWith("first")));
            kubectl.run("-n", "watching", "create", "configmap", "second", "--from-literal=a=1").assertOk();
            Eventually.waitFor(() -> lines.stream().anyMatch(l -> l.startsWith("second")));
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
        }
        assertThat(lines.get(0)).contains("NAME", "DATA", "AGE");
    }

    @Test
    void describeLabelAnnotateAndThreeKindsOfPatch() {
        kubectl.apply(APP.formatted("patching", "registry.example/web:1")).assertOk();
        kubectl.run("-n", "patching", "annotate", "deployment", "web", "team=payments").assertOk();
        kubectl.run("-n", "patching", "patch", "deployment", "web", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"MODE\","
                        + "\"value\":\"fast\"}]}]}}}}").assertOk();
        kubectl.run("-n", "patching", "patch", "deployment", "web", "--type=merge", "-p",
                "{\"metadata\":{\"labels\":{\"stage\":\"beta\"}}}").assertOk();
        kubectl.run("-n", "patching", "patch", "deployment", "web", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]").assertOk();

        String described = kubectl.run("-n", "patching", "describe", "deployment", "web").assertOk().out();

        assertThat(described).contains("Name:", "web", "team: payments", "stage=beta", "4 desired",
                "GREETING:", "MODE:", "fast", "registry.example/web:1");
    }

    @Test
    void editWithAScriptedEditorSavesTheChange() {
        kubectl.run("create", "namespace", "editing").assertOk();
        kubectl.run("-n", "editing", "create", "configmap", "cfg", "--from-literal=colour=red").assertOk();

        kubectl.runWithInput(null, Map.of("KUBE_EDITOR", "sed -i s/colour:\\ red/colour:\\ blue/"),
                "-n", "editing", "edit", "configmap", "cfg").assertOk();

        assertThat(kubectl.run("-n", "editing", "get", "cm", "cfg", "-o", "jsonpath={.data.colour}").assertOk().out())
                .isEqualTo("blue");
    }

    @Test
    void createFromLiteralsAndDeleteWaitsUntilGone() {
        kubectl.run("create", "namespace", "lit").assertOk();
        kubectl.run("-n", "lit", "create", "configmap", "settings", "--from-literal=size=10").assertOk();
        kubectl.run("-n", "lit", "create", "secret", "generic", "creds", "--from-literal=password=s3cret").assertOk();

        assertThat(kubectl.run("-n", "lit", "get", "secret", "creds", "-o", "jsonpath={.data.password}")
                .assertOk().out()).isEqualTo("czNjcmV0");
        assertThat(kubectl.run("-n", "lit", "get", "secrets").assertOk().out()).contains("creds", "Opaque", "1");

        assertThat(kubectl.run("-n", "lit", "delete", "configmap", "settings").assertOk().out())
                .contains("configmap \"settings\" deleted");
        Kubectl.Result gone = kubectl.run("-n", "lit", "get", "configmap", "settings");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).contains("configmaps \"settings\" not found");
    }

    @Test
    void discoveryCommandsListTheServedKinds() {
        assertThat(kubectl.run("api-resources").assertOk().out())
                .contains("deployments", "deploy", "apps/v1", "Deployment", "endpointslices", "leases",
                        "horizontalpodautoscalers", "networkpolicies");
        assertThat(kubectl.run("api-versions").assertOk().out())
                .contains("apps/v1", "batch/v1", "discovery.k8s.io/v1", "v1");
        assertThat(kubectl.run("version").assertOk().out()).contains("Server Version: v1.32");
        kubectl.apply(APP.formatted("everything", "registry.example/web:1")).assertOk();
        assertThat(kubectl.run("-n", "everything", "get", "all").assertOk().out())
                .contains("service/web", "deployment.apps/web");
    }

    @Test
    void scaleChangesTheStoredReplicas() {
        kubectl.apply(APP.formatted("scaling", "registry.example/web:1")).assertOk();

        assertThat(kubectl.run("-n", "scaling", "scale", "deployment", "web", "--replicas=7").assertOk().out())
                .contains("deployment.apps/web scaled");

        assertThat(kubectl.run("-n", "scaling", "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")
                .assertOk().out()).isEqualTo("7");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheField() {
        Kubectl.Result r = kubectl.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: typo
                  namespace: default
                data:
                  a: b
                dataa:
                  c: d
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("unknown field \"dataa\"");
    }

    @Test
    void anInvalidManifestShowsEachCause() {
        Kubectl.Result r = kubectl.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken, namespace: default}
                spec:
                  replicas: -1
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: other}}
                    spec:
                      containers:
                      - name: web
                        image: registry.example/web:1
                        ports: [{containerPort: 70000}]
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("The Deployment \"broken\" is invalid:",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000",
                "spec.template.metadata.labels: Invalid value");
    }

    @Test
    void aNameThatIsNotDns1123IsRefusedWithTheReason() {
        Kubectl.Result r = kubectl.run("create", "configmap", "Bad_Name", "--from-literal=a=b");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("metadata.name: Invalid value: \"Bad_Name\"", "RFC 1123 subdomain");
    }

}
