package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.api.e2e.Eventually;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node agent across engine restarts: after kill -9 the next `skiff up` stops the process the old run left
 * and starts the container once (never twice), and Ctrl-C leaves no container process behind.
 */
@Tag("e2e")
class NodeRestartSafetyTest {
    @TempDir
    Path dir;

    static Optional<ContainerStatus> status(KubernetesClient client) {
        Pod pod = client.pods().inNamespace("default").withName("keeper").get();
        return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()
                ? Optional.empty() : Optional.of(pod.getStatus().getContainerStatuses().getFirst());
    }

    static boolean running(KubernetesClient client) {
        return status(client).map(s -> s.getState().getRunning() != null).orElse(false);
    }

    static long pid(KubernetesClient client) {
        String id = status(client).orElseThrow().getContainerID();
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    /** Running or sleeping: a zombie waiting for its new parent to reap it no longer runs. */
    static boolean alive(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aRestartAfterKill9StopsTheOrphanAndRunsTheContainerOnceAndCtrlCLeavesNothing() throws Exception {
        Path data = dir.resolve("data");
        long first;
        try (EngineProcess engine = EngineProcess.start(data); KubernetesClient client = engine.client()) {
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("keeper")
                    .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("busybox")
                    .withCommand("sleep", "600").endContainer().endSpec().build()).create();
            Eventually.waitFor(() -> running(client));
            first = pid(client);
            engine.kill9();
        }
        assertThat(alive(first)).as("kill -9 of the engine leaves its container running").isTrue();

        long second;
        try (EngineProcess engine = EngineProcess.start(data); KubernetesClient client = engine.client()) {
            Eventually.waitFor(() -> running(client) && status(client).get().getRestartCount() == 1);
            second = pid(client);
            assertThat(second).isNotEqualTo(first);
            assertThat(alive(first)).as("the orphan was stopped before the container started again").isFalse();
            assertThat(status(client).get().getLastState().getTerminated().getMessage())
                    .contains("the engine restarted");
            assertThat(engine.interrupt()).isIn(0, 130);
        }
        assertThat(alive(second)).as("Ctrl-C stops every container").isFalse();
    }
}
