package dev.skiff.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real process that writes to the store as fast as it can, at an arbitrary moment, and checks
 * that every write it had acknowledged is there after reopening, each intact.
 */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void killMinus9MidLoadLosesNoAcknowledgedWrite() throws Exception {
        Path db = dir.resolve("store.db");
        for (int round = 0; round < 3; round++) {
            List<String> acknowledged = runAndKill(db, "r" + round, 300 + round * 200);
            assertThat(acknowledged).isNotEmpty();
            try (Store store = Store.open(db, StoreOptions.defaults())) {
                for (String line : acknowledged) {
                    String[] parts = line.split(" ");
                    StoredObject o = store.get(parts[0]).orElseThrow(() -> new AssertionError("lost " + line));
                    assertThat(o.revision()).isGreaterThanOrEqualTo(Long.parseLong(parts[1]));
                    assertThat(new String(o.value(), UTF_8)).startsWith("payload-");
                }
                assertThat(store.currentRevision()).isGreaterThanOrEqualTo(acknowledged.size());
            }
        }
    }

    private List<String> runAndKill(Path db, String round, long afterMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreLoadWriter.class.getName(), db.toString(), round)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (acknowledged) {
                        acknowledged.add(line);
                    }
                }
            } catch (Exception ignored) {
                // the stream ends when the process dies
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (acknowledged) {
                if (acknowledged.size() > 50) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        Thread.sleep(afterMillis % 97);
        p.destroyForcibly();
        p.waitFor();
        reader.join();
        synchronized (acknowledged) {
            // the last line may have been cut by the kill
            return acknowledged.stream().filter(l -> l.matches("\\S+ \\d+")).toList();
        }
    }
}
