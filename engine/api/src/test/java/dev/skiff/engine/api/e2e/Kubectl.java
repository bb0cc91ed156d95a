package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl found on PATH (on the CI machine: the dispatcher that asks /version and then
 * runs kubectl 1.32) against one engine, with its own HOME so no discovery cache leaks between runs.
 */
public final class Kubectl {
    private final Path kubeconfig;
    private final Path home;

    public Kubectl(Path kubeconfig, Path home) {
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** What one kubectl run printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "):\n" + err + "\n" + out);
            }
            return this;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, Map.of(), args);
    }

    public Result apply(String yaml, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
        args.addAll(List.of(extra));
        return runWithInput(yaml, Map.of(), args.toArray(String[]::new));
    }

    public Result runWithInput(String stdin, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        try {
            Files.createDirectories(home);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(UTF_8));
            }
            p.getOutputStream().close();
            var out = readAsync(p.getInputStream());
            var err = readAsync(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl: is it on PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts kubectl and leaves it running (for -w); the caller reads and destroys it. */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        Files.createDirectories(home);
        return pb.start();
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }
}
