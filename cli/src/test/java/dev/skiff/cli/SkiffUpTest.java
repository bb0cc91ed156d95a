package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `skiff up` as a process: its ready line, Ctrl-C, resuming state, and surviving kill -9 mid-load. */
@Tag("e2e")
class SkiffUpTest {
    @TempDir
    Path dir;

    static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", name).build();
    }

    @Test
    void upPrintsOneReadyLineStopsOnCtrlCAndResumesState() throws Exception {
        Path data = dir.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data)) {
            assertThat(engine.readyLine).matches("Skiff is up: API https://127\\.0\\.0\\.1:\\d+, kubeconfig "
                    + java.util.regex.Pattern.quote(data.resolve("kubeconfig").toString()) + " .*");
            try (KubernetesClient client = engine.client()) {
                client.configMaps().inNamespace("default").resource(cm("survivor")).create();
            }
            int exit = engine.interrupt();
            assertThat(exit).as("a clean stop on SIGINT").isIn(0, 130);
        }
        assertThat(Files.exists(data.resolve("store.db-wal")) ? Files.size(data.resolve("store.db-wal")) : 0L)
                .as("the write-ahead log was checkpointed on the way out").isZero();

        try (EngineProcess again = EngineProcess.start(data); KubernetesClient client = again.client()) {
            assertThat(client.configMaps().inNamespace("default").withName("survivor").get().getData())
                    .containsEntry("k", "survivor");
            assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .contains("default", "kube-system", "kube-public", "kube-node-lease");
        }
    }

    @Test
    void killMinus9DuringWritesLosesNoAcknowledgedObject() throws Exception {
        Path data = dir.resolve("data");
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        try (EngineProcess engine = EngineProcess.start(data); KubernetesClient client = engine.client()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger counter = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        String name = "load-" + counter.incrementAndGet();
                        try {
                            client.configMaps().inNamespace("default").resource(cm(name)).create();
                            acknowledged.add(name);
                        } catch (RuntimeException e) {
                            return; // the engine is gone
                        }
                    }
                }));
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(5);
            }
            engine.kill9();
            stop.set(true);
            for (Thread w : writers) {
                w.join(30_000);
            }
        }
        try (EngineProcess again = EngineProcess.start(data); KubernetesClient client = again.client()) {
            List<String> stored = client.configMaps().inNamespace("default").list().getItems().stream()
                    .map(c -> c.getMetadata().getName()).toList();
            assertThat(stored).containsAll(List.copyOf(acknowledged));
        }
    }
}
