package dev.skiff.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** `skiff up` as a real child process, the way a user runs it. */
final class EngineProcess implements AutoCloseable {
    final Process process;
    final String readyLine;
    final Path dataDir;

    private EngineProcess(Process process, String readyLine, Path dataDir) {
        this.process = process;
        this.readyLine = readyLine;
        this.dataDir = dataDir;
    }

    static EngineProcess start(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SkiffCommand.class.getName(), "up", "--data-dir", dataDir.toString(), "--api-port", "0",
                "--dns", "127.0.0.1:0", "--ingress-http-port", "0", "--ingress-https-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("Skiff is up")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String line = ready.get(60, TimeUnit.SECONDS);
        if (line == null) {
            p.destroyForcibly();
            throw new AssertionError("skiff up exited before it was ready (exit " + p.waitFor() + ")");
        }
        return new EngineProcess(p, line, dataDir);
    }

    KubernetesClient client() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(dataDir.resolve("kubeconfig")));
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Ctrl-C: SIGINT to the process, as a terminal sends it. */
    int interrupt() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("skiff up did not stop within 30 s of Ctrl-C");
        }
        return process.exitValue();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
