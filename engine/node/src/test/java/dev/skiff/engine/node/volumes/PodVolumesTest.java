package dev.skiff.engine.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.node.env.ContainerConfigException;
import dev.skiff.engine.node.env.FakeObjects;
import dev.skiff.engine.node.env.NodeAllocatable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {

    private static final NodeAllocatable NODE = new NodeAllocatable(2000, 4L << 30);

    @TempDir
    Path tmp;

    private final FakeObjects objects = new FakeObjects();

    private Path podDir() {
        return tmp.resolve("pods/0b7c-11");
    }

    private PodVolumes volumes() {
        return new PodVolumes(podDir(), objects, NODE, null);
    }

    private static ObjectNode pod(String volumesJson) throws IOException {
        return pod(volumesJson, "[]", "{\"app\": \"web\"}");
    }

    private static ObjectNode pod(String volumesJson, String mountsJson, String labelsJson) throws IOException {
        return (ObjectNode) Json.STRICT.readTree("""
                {"metadata": {"name": "web-1", "namespace": "default", "uid": "0b7c-11", "labels": %s,
                              "annotations": {"note": "say \\"hi\\"\\nbye"}},
                 "spec": {"volumes": %s,
                          "containers": [{"name": "app", "resources": {"limits": {"memory": "64Mi"}},
                                          "volumeMounts": %s}]}}
                """.formatted(labelsJson, volumesJson, mountsJson));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void configMapVolumeHasOneFilePerKeyWithTheDefaultMode() throws IOException {
        objects.configMap("default", "app", Map.of("app.conf", "port=80", "level", "debug"));
        PodVolumes volumes = volumes();

        volumes.setUp(pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]"));

        Path dir = podDir().resolve("volumes/config");
        assertThat(volumes.hostPath("config")).isEqualTo(dir);
        assertThat(read(dir.resolve("app.conf"))).isEqualTo("port=80");
        assertThat(read(dir.resolve("level"))).isEqualTo("debug");
        assertThat(mode(dir.resolve("app.conf"))).isEqualTo("rw-r--r--");
    }

    @Test
    void filesAreLinksIntoATimestampedDirectory() throws IOException {
        objects.configMap("default", "app", Map.of("level", "debug"));

        volumes().setUp(pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]"));

        Path dir = podDir().resolve("volumes/config");
        assertThat(Files.readSymbolicLink(dir.resolve("level"))).isEqualTo(Path.of("..data/level"));
        Path data = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(data.toString()).matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d{9}");
        assertThat(Files.isRegularFile(dir.resolve(data).resolve("level"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "level", "..data", data.toString());
        }
    }

    @Test
    void itemsChooseKeysPathsAndModes() throws IOException {
        objects.configMap("default", "app", Map.of("app.conf", "port=80", "unused", "x"));
        objects.secret("default", "tls", Map.of("tls.key", "KEY", "tls.crt", "CERT"));

        volumes().setUp(pod("""
                [{"name": "config", "configMap": {"name": "app", "defaultMode": 288,
                   "items": [{"key": "app.conf", "path": "conf/app.conf"}]}},
                 {"name": "certs", "secret": {"secretName": "tls", "defaultMode": 420,
                   "items": [{"key": "tls.key", "path": "private/key.pem", "mode": 256},
                             {"key": "tls.crt", "path": "cert.pem"}]}}]
                """));

        Path config = podDir().resolve("volumes/config");
        assertThat(read(config.resolve("conf/app.conf"))).isEqualTo("port=80");
        assertThat(mode(config.resolve("conf/app.conf"))).isEqualTo("r--r-----");
        assertThat(config.resolve("unused")).doesNotExist();
        assertThat(Files.readSymbolicLink(config.resolve("conf"))).isEqualTo(Path.of("..data/conf"));
        Path certs = podDir().resolve("volumes/certs");
        assertThat(read(certs.resolve("private/key.pem"))).isEqualTo("KEY");
        assertThat(mode(certs.resolve("private/key.pem"))).isEqualTo("r--------");
        assertThat(read(certs.resolve("cert.pem"))).isEqualTo("CERT");
        assertThat(mode(certs.resolve("cert.pem"))).isEqualTo("rw-r--r--");
    }

    @Test
    void secretVolumeHoldsDecodedValues() throws IOException {
        objects.secret("default", "creds", Map.of("password", "s3cr\u00e9t\n"));

        volumes().setUp(pod("[{\"name\": \"creds\", \"secret\": {\"secretName\": \"creds\"}}]"));

        assertThat(read(podDir().resolve("volumes/creds/password"))).isEqualTo("s3cr\u00e9t\n");
    }

    @Test
    void binaryDataBecomesFilesToo() throws IOException {
        ObjectNode configMap = Json.object();
        configMap.putObject("binaryData").put("blob", "AAEC");
        PodVolumes volumes = new PodVolumes(podDir(), new dev.skiff.engine.node.env.ObjectLookup() {
            @Override
            public java.util.Optional<ObjectNode> configMap(String namespace, String name) {
                return java.util.Optional.of(configMap);
            }

            @Override
            public java.util.Optional<ObjectNode> secret(String namespace, String name) {
                return java.util.Optional.empty();
            }
        }, NODE, null);

        volumes.setUp(pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]"));

        assertThat(Files.readAllBytes(podDir().resolve("volumes/config/blob"))).containsExactly(0, 1, 2);
    }

    @Test
    void optionalMissingObjectsGiveAnEmptyVolume() throws IOException {
        volumes().setUp(pod("""
                [{"name": "config", "configMap": {"name": "absent", "optional": true}},
                 {"name": "creds", "secret": {"secretName": "absent", "optional": true}}]
                """));

        try (Stream<Path> entries = Files.list(podDir().resolve("volumes/config"))) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".."))).isEmpty();
        }
        assertThat(podDir().resolve("volumes/creds")).isDirectory();
    }

    @Test
    void missingRequiredObjectsFailTheMountInTheKubeletsWords() {
        assertThatThrownBy(() -> volumes().setUp(pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"x\"}}]")))
                .isInstanceOfSatisfying(MountVolumeException.class, e -> {
                    assertThat(e).hasMessage("configmap \"x\" not found");
                    assertThat(e.volumeName()).isEqualTo("config");
                    assertThat(e.eventMessage())
                            .isEqualTo("MountVolume.SetUp failed for volume \"config\" : configmap \"x\" not found");
                });
        assertThatThrownBy(() -> volumes().setUp(pod("[{\"name\": \"c\", \"secret\": {\"secretName\": \"s\"}}]")))
                .isInstanceOf(ContainerConfigException.class).hasMessage("secret \"s\" not found");
    }

    @Test
    void missingItemKeysFailUnlessOptional() throws IOException {
        objects.configMap("default", "app", Map.of("a", "1"));

        assertThatThrownBy(() -> volumes().setUp(pod("""
                [{"name": "config", "configMap": {"name": "app", "items": [{"key": "b", "path": "b"}]}}]
                """))).isInstanceOf(MountVolumeException.class)
                .hasMessage("configmap references non-existent config key: b");

        volumes().setUp(pod("""
                [{"name": "config", "configMap": {"name": "app", "optional": true,
                   "items": [{"key": "b", "path": "b"}, {"key": "a", "path": "a"}]}}]
                """));
        assertThat(read(podDir().resolve("volumes/config/a"))).isEqualTo("1");
    }

    @Test
    void refreshSwapsContentAtomicallyAndReportsChanges() throws IOException {
        objects.configMap("default", "app", Map.of("level", "debug", "gone", "soon"));
        ObjectNode pod = pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]");
        PodVolumes volumes = volumes();
        volumes.setUp(pod);
        Path dir = podDir().resolve("volumes/config");
        Path firstData = Files.readSymbolicLink(dir.resolve("..data"));

        assertThat(volumes.refresh(pod)).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(firstData);

        objects.configMap("default", "app", Map.of("level", "info", "new", "key"));
        assertThat(volumes.refresh(pod)).isTrue();

        assertThat(read(dir.resolve("level"))).isEqualTo("info");
        assertThat(read(dir.resolve("new"))).isEqualTo("key");
        assertThat(dir.resolve("gone")).doesNotExist();
        assertThat(Files.exists(dir.resolve("gone"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        Path secondData = Files.readSymbolicLink(dir.resolve("..data"));
        objects.configMap("default", "app", Map.of("level", "warn"));
        assertThat(volumes.refresh(pod)).isTrue();
        // Only the current and the previous version are kept.
        assertThat(dir.resolve(firstData)).doesNotExist();
        assertThat(dir.resolve(secondData)).isDirectory();
        assertThat(read(dir.resolve("level"))).isEqualTo("warn");
    }

    @Test
    void readersThroughTheKeyLinkSeeOneWholeVersionAtATime() throws Exception {
        objects.configMap("default", "app", Map.of("value", "version-0"));
        ObjectNode pod = pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]");
        PodVolumes volumes = volumes();
        volumes.setUp(pod);
        Path key = podDir().resolve("volumes/config/value");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get() || reads.get() == 0) {
                    String seen = Files.readString(key);
                    if (!seen.matches("version-\\d+")) {
                        throw new AssertionError("read a partial file: " + seen);
                    }
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int version = 1; version <= 200; version++) {
            objects.configMap("default", "app", Map.of("value", "version-" + version));
            assertThat(volumes.refresh(pod)).isTrue();
        }
        done.set(true);
        reader.join();

        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(read(key)).isEqualTo("version-200");
    }

    @Test
    void refreshKeepsContentWhenARequiredObjectIsGone() throws IOException {
        objects.configMap("default", "app", Map.of("level", "debug"));
        ObjectNode pod = pod("[{\"name\": \"config\", \"configMap\": {\"name\": \"app\"}}]");
        PodVolumes volumes = volumes();
        volumes.setUp(pod);

        objects.deleteConfigMap("default", "app");

        assertThat(volumes.refresh(pod)).isFalse();
        assertThat(read(podDir().resolve("volumes/config/level"))).isEqualTo("debug");
    }

    @Test
    void downwardApiWritesSortedQuotedLabelsAndMetadata() throws IOException {
        ObjectNode pod = pod("""
                [{"name": "info", "downwardAPI": {"items": [
                   {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}},
                   {"path": "annotations", "fieldRef": {"fieldPath": "metadata.annotations"}},
                   {"path": "name", "fieldRef": {"fieldPath": "metadata.name"}},
                   {"path": "ns", "fieldRef": {"fieldPath": "metadata.namespace"}, "mode": 256},
                   {"path": "uid", "fieldRef": {"fieldPath": "metadata.uid"}},
                   {"path": "app", "fieldRef": {"fieldPath": "metadata.labels['zone']"}},
                   {"path": "mem", "resourceFieldRef": {"containerName": "app", "resource": "limits.memory",
                                                        "divisor": "1Mi"}},
                   {"path": "cpu", "resourceFieldRef": {"containerName": "app", "resource": "limits.cpu"}}]}}]
                """, "[]", "{\"zone\": \"eu-1\", \"app\": \"web\", \"tier\": \"front end\"}");

        volumes().setUp(pod);

        Path dir = podDir().resolve("volumes/info");
        assertThat(read(dir.resolve("labels"))).isEqualTo("app=\"web\"\ntier=\"front end\"\nzone=\"eu-1\"");
        assertThat(read(dir.resolve("annotations"))).isEqualTo("note=\"say \\\"hi\\\"\\nbye\"");
        assertThat(read(dir.resolve("name"))).isEqualTo("web-1");
        assertThat(read(dir.resolve("ns"))).isEqualTo("default");
        assertThat(mode(dir.resolve("ns"))).isEqualTo("r--------");
        assertThat(read(dir.resolve("uid"))).isEqualTo("0b7c-11");
        assertThat(read(dir.resolve("app"))).isEqualTo("eu-1");
        assertThat(read(dir.resolve("mem"))).isEqualTo("64");
        assertThat(read(dir.resolve("cpu"))).isEqualTo("2");
    }

    @Test
    void refreshFollowsLabelChanges() throws IOException {
        String volumesJson = """
                [{"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}]
                """;
        PodVolumes volumes = volumes();
        volumes.setUp(pod(volumesJson, "[]", "{\"app\": \"web\"}"));

        assertThat(volumes.refresh(pod(volumesJson, "[]", "{\"app\": \"web\", \"canary\": \"true\"}"))).isTrue();

        assertThat(read(podDir().resolve("volumes/info/labels"))).isEqualTo("app=\"web\"\ncanary=\"true\"");
    }

    @Test
    void projectedVolumeMergesItsSources() throws IOException {
        objects.configMap("default", "kube-root-ca.crt", Map.of("ca.crt", "CA"));
        objects.secret("default", "creds", Map.of("user", "admin"));
        PodVolumes volumes = new PodVolumes(podDir(), objects, NODE,
                (pod, audience, seconds) -> "token-for-" + pod.at("/spec/serviceAccountName").asText("default")
                        + "-" + seconds);

        volumes.setUp(pod("""
                [{"name": "kube-api-access", "projected": {"defaultMode": 420, "sources": [
                   {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                   {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                   {"secret": {"name": "creds", "items": [{"key": "user", "path": "user", "mode": 256}]}},
                   {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1",
                                                                                  "fieldPath": "metadata.namespace"}}]}}]}}]
                """));

        Path dir = podDir().resolve("volumes/kube-api-access");
        assertThat(read(dir.resolve("token"))).isEqualTo("token-for-default-3607");
        assertThat(read(dir.resolve("ca.crt"))).isEqualTo("CA");
        assertThat(read(dir.resolve("user"))).isEqualTo("admin");
        assertThat(mode(dir.resolve("user"))).isEqualTo("r--------");
        assertThat(read(dir.resolve("namespace"))).isEqualTo("default");
        assertThat(volumes.notes()).isEmpty();
    }

    @Test
    void tokensAreLeftOutWithANoteWhenNoSourceIsConfigured() throws IOException {
        PodVolumes volumes = volumes();

        volumes.setUp(pod("""
                [{"name": "kube-api-access", "projected": {"sources": [
                   {"serviceAccountToken": {"path": "token"}},
                   {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"fieldPath": "metadata.namespace"}}]}}]}}]
                """));

        assertThat(podDir().resolve("volumes/kube-api-access/token")).doesNotExist();
        assertThat(read(podDir().resolve("volumes/kube-api-access/namespace"))).isEqualTo("default");
        assertThat(volumes.notes()).containsExactly("volume \"kube-api-access\": serviceAccountToken projection "
                + "token skipped: no token source configured");
    }

    @Test
    void emptyDirIsAWritableDirectory() throws IOException {
        PodVolumes volumes = volumes();

        volumes.setUp(pod("[{\"name\": \"scratch\", \"emptyDir\": {}}, {\"name\": \"shm\", \"emptyDir\": {\"medium\": \"Memory\"}}]"));

        assertThat(podDir().resolve("volumes/scratch")).isDirectory();
        assertThat(mode(podDir().resolve("volumes/scratch"))).isEqualTo("rwxrwxrwx");
        assertThat(volumes.hostPath("shm")).isDirectory();
    }

    @Test
    void hostPathTypesCreateOrCheckThePath() throws IOException {
        Path dir = tmp.resolve("host/data/deep");
        Path file = tmp.resolve("host/app.log");
        Files.createDirectories(file.getParent());
        PodVolumes volumes = volumes();

        volumes.setUp(pod("""
                [{"name": "data", "hostPath": {"path": "%s", "type": "DirectoryOrCreate"}},
                 {"name": "log", "hostPath": {"path": "%s", "type": "FileOrCreate"}},
                 {"name": "any", "hostPath": {"path": "%s", "type": ""}}]
                """.formatted(dir, file, tmp.resolve("nothing-here"))));

        assertThat(dir).isDirectory();
        assertThat(file).isRegularFile();
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(volumes.hostPath("data")).isEqualTo(dir);
        assertThat(volumes.hostPath("any")).isEqualTo(tmp.resolve("nothing-here"));
        assertThat(podDir().resolve("volumes/data")).doesNotExist();
    }

    @Test
    void hostPathTypeChecksFailInTheKubeletsWords() {
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> volumes().setUp(pod("""
                [{"name": "data", "hostPath": {"path": "%s", "type": "Directory"}}]
                """.formatted(missing)))).isInstanceOf(MountVolumeException.class)
                .hasMessage("hostPath type check failed: " + missing + " is not a directory");
        assertThatThrownBy(() -> volumes().setUp(pod("""
                [{"name": "sock", "hostPath": {"path": "%s", "type": "Socket"}}]
                """.formatted(tmp)))).hasMessage("hostPath type check failed: " + tmp + " is not a socket file");
        assertThatThrownBy(() -> volumes().setUp(pod("""
                [{"name": "f", "hostPath": {"path": "%s", "type": "FileOrCreate"}}]
                """.formatted(missing.resolve("sub/file"))))).hasMessage(
                "open " + missing.resolve("sub/file") + ": no such file or directory");
    }

    @Test
    void mountsAreReadOnlyForProjectedKindsAndResolveSubPaths() throws IOException {
        objects.configMap("default", "app", Map.of("app.conf", "port=80"));
        ObjectNode pod = pod("""
                [{"name": "config", "configMap": {"name": "app"}}, {"name": "scratch", "emptyDir": {}}]
                """, """
                [{"name": "config", "mountPath": "/etc/app"},
                 {"name": "config", "mountPath": "/etc/app.conf", "subPath": "app.conf"},
                 {"name": "scratch", "mountPath": "/cache", "subPath": "cache/v1"},
                 {"name": "scratch", "mountPath": "/logs", "subPathExpr": "logs/$(POD_NAME)", "readOnly": true}]
                """, "{}");
        PodVolumes volumes = volumes();
        volumes.setUp(pod);
        Path config = podDir().resolve("volumes/config");
        Path scratch = podDir().resolve("volumes/scratch");

        List<Mount> mounts = volumes.mountsFor(pod.at("/spec/containers/0"), Map.of("POD_NAME", "web-1"));

        assertThat(mounts).containsExactly(
                new Mount(config, "/etc/app", true),
                new Mount(config.resolve("app.conf"), "/etc/app.conf", true),
                new Mount(scratch.resolve("cache/v1"), "/cache", false),
                new Mount(scratch.resolve("logs/web-1"), "/logs", true));
        assertThat(scratch.resolve("cache/v1")).isDirectory();
        assertThat(scratch.resolve("logs/web-1")).isDirectory();
    }

    @Test
    void badMountsAreConfigErrorsInTheKubeletsWords() throws IOException {
        PodVolumes volumes = volumes();
        volumes.setUp(pod("[{\"name\": \"scratch\", \"emptyDir\": {}}]"));

        assertThatThrownBy(() -> volumes.mountsFor(container("{\"name\": \"other\", \"mountPath\": \"/x\"}")))
                .isInstanceOf(ContainerConfigException.class)
                .hasMessage("cannot find volume \"other\" to mount into container \"app\"");
        assertThatThrownBy(() -> volumes.mountsFor(container(
                "{\"name\": \"scratch\", \"mountPath\": \"/x\", \"subPath\": \"/etc\"}")))
                .hasMessage("error SubPath `/etc` must not be an absolute path");
        assertThatThrownBy(() -> volumes.mountsFor(container(
                "{\"name\": \"scratch\", \"mountPath\": \"/x\", \"subPath\": \"a/../../etc\"}")))
                .hasMessage("unable to provision SubPath `a/../../etc`: must not contain '..'");
        assertThatThrownBy(() -> volumes.mountsFor(container(
                "{\"name\": \"scratch\", \"mountPath\": \"/x\", \"subPathExpr\": \"$(B)/$(A)\"}")))
                .hasMessage("missing value for A, B");
    }

    @Test
    void subPathsMayNotLeadOutOfTheVolume() throws IOException {
        PodVolumes volumes = volumes();
        volumes.setUp(pod("[{\"name\": \"scratch\", \"emptyDir\": {}}]"));
        Files.createSymbolicLink(volumes.hostPath("scratch").resolve("escape"), tmp);

        assertThatThrownBy(() -> volumes.mountsFor(container(
                "{\"name\": \"scratch\", \"mountPath\": \"/x\", \"subPath\": \"escape\"}")))
                .hasMessage("failed to prepare subPath for volumeMount \"scratch\" of container \"app\"");
    }

    @Test
    void tearDownRemovesVolumesButNeverWhatTheyPointAt() throws IOException {
        Path hostDir = Files.createDirectories(tmp.resolve("host"));
        Files.writeString(hostDir.resolve("keep"), "me");
        objects.configMap("default", "app", Map.of("level", "debug"));
        PodVolumes volumes = volumes();
        volumes.setUp(pod("""
                [{"name": "scratch", "emptyDir": {}}, {"name": "config", "configMap": {"name": "app"}},
                 {"name": "host", "hostPath": {"path": "%s"}}]
                """.formatted(hostDir)));
        Files.createSymbolicLink(volumes.hostPath("scratch").resolve("link"), hostDir);

        volumes.tearDown();

        assertThat(podDir().resolve("volumes")).doesNotExist();
        assertThat(read(hostDir.resolve("keep"))).isEqualTo("me");
    }

    @Test
    void unsupportedVolumeTypesGetAnEmptyDirectoryAndANote() throws IOException {
        PodVolumes volumes = volumes();

        volumes.setUp(pod("[{\"name\": \"data\", \"persistentVolumeClaim\": {\"claimName\": \"data\"}}]"));

        assertThat(volumes.hostPath("data")).isDirectory();
        assertThat(volumes.notes()).containsExactly(
                "volume \"data\": type persistentVolumeClaim is not supported on this node; an empty directory stands in");
    }

    @Test
    void namesTheConfigMapsAndSecretsAPodReads() throws IOException {
        ObjectNode pod = (ObjectNode) Json.STRICT.readTree("""
                {"spec": {"volumes": [{"name": "a", "configMap": {"name": "vol-cm"}},
                                      {"name": "b", "secret": {"secretName": "vol-secret"}},
                                      {"name": "c", "projected": {"sources": [{"configMap": {"name": "proj-cm"}},
                                                                             {"secret": {"name": "proj-secret"}}]}}],
                          "initContainers": [{"name": "init", "envFrom": [{"configMapRef": {"name": "init-cm"}}]}],
                          "containers": [{"name": "app",
                              "envFrom": [{"secretRef": {"name": "env-secret"}}],
                              "env": [{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "key-cm", "key": "a"}}},
                                      {"name": "B", "valueFrom": {"secretKeyRef": {"name": "key-secret", "key": "b"}}}]}]}}
                """);

        assertThat(PodVolumes.referencedConfigMaps(pod)).containsExactly("init-cm", "key-cm", "proj-cm", "vol-cm");
        assertThat(PodVolumes.referencedSecrets(pod))
                .containsExactly("env-secret", "key-secret", "proj-secret", "vol-secret");
    }

    private static JsonNode container(String mountJson) throws IOException {
        return Json.STRICT.readTree("{\"name\": \"app\", \"volumeMounts\": [" + mountJson + "]}");
    }
}
