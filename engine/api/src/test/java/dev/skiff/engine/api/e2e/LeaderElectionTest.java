package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two processes elect a leader through a Lease with fabric8's elector; killing the leader hands over. */
@Tag("e2e")
class LeaderElectionTest {

    static Process candidate(TestEngine engine, String id, List<String> lines) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LeaderCandidate.class.getName(), engine.kubeconfig().toString(), id)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // ends with the process
            }
        });
        return p;
    }

    @Test
    void leadershipMovesToTheOtherProcessWithinTheLeaseDurationWhenTheLeaderDies() throws Exception {
        try (TestEngine engine = TestEngine.start()) {
            List<String> lines = new CopyOnWriteArrayList<>();
            Process first = candidate(engine, "first", lines);
            Process second = null;
            try {
                Eventually.waitFor(() -> lines.contains("LEADING first"));
                second = candidate(engine, "second", lines);
                Eventually.waitFor(() -> lines.contains("LEADER first") || lines.size() > 2);

                first.destroyForcibly();
                long killed = System.nanoTime();
                Eventually.waitFor(() -> lines.contains("LEADING second"));
                Duration handover = Duration.ofNanos(System.nanoTime() - killed);

                assertThat(handover).isLessThan(LeaderCandidate.LEASE.plusSeconds(2));
                String holder = engine.kubectl().run("get", "lease", "skiff-test-lock", "-o",
                        "jsonpath={.spec.holderIdentity}").assertOk().out();
                assertThat(holder).isEqualTo("second");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly();
                }
            }
        }
    }
}
