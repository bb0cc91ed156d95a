package dev.skiff.engine.api.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for {@link LeaderElectionTest}: runs fabric8's leader elector on a Lease and prints
 * {@code LEADING <id>} when it becomes the leader. Usage: {@code LeaderCandidate KUBECONFIG ID}.
 */
public final class LeaderCandidate {
    static final Duration LEASE = Duration.ofSeconds(4);

    public static void main(String[] args) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
        String id = args[1];
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName("skiff-test")
                    .withLock(new LeaseLock("default", "skiff-test-lock", id))
                    .withLeaseDuration(LEASE)
                    .withRenewDeadline(Duration.ofSeconds(3))
                    .withRetryPeriod(Duration.ofMillis(500))
                    .withLeaderCallbacks(new LeaderCallbacks(
                            () -> {
                                System.out.println("LEADING " + id);
                                System.out.flush();
                            },
                            () -> System.out.println("STOPPED " + id),
                            leader -> System.out.println("LEADER " + leader)))
                    .build()).build().run();
        }
    }
}
