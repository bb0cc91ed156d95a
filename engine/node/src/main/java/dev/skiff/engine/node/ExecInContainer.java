package dev.skiff.engine.node;

import dev.skiff.engine.node.ContainerLauncher.Launch;
import dev.skiff.engine.node.cgroups.ContainerCgroup;
import dev.skiff.engine.node.probes.ExecResult;
import dev.skiff.engine.node.volumes.MountNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command inside a running container, as exec probes and hooks need: with the container's environment
 * and working directory, in its cgroup, and in its mount namespace when it has one.
 */
final class ExecInContainer {
    private static final int MAX_OUTPUT = 10 * 1024;

    private ExecInContainer() {
    }

    /**
     * Runs {@code command} beside {@code main}, the container's running process ({@code null} when the container
     * does not run), as it was started by {@code launch}.
     */
    static ExecResult run(Launch launch, Process main, ContainerCgroup cgroup, List<String> command,
                          Duration timeout) {
        if (launch == null || main == null || !main.isAlive()) {
            return new ExecResult(-1, "container is not running", false);
        }
        List<String> line = new ArrayList<>();
        if (MountNamespace.supported() && !launch.mounts().isEmpty()) {
            line.addAll(List.of("nsenter", "-t", Long.toString(main.pid()), "-m", "--"));
        }
        line.addAll(command);
        if (cgroup != null) {
            line = cgroup.wrap(line);
        }
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        if (launch.workingDir().toFile().isDirectory()) {
            builder.directory(launch.workingDir().toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
            if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(ProcessTree.of(p.toHandle()));
                return new ExecResult(-1, "", true);
            }
            reader.join(1000);
            String text;
            synchronized (out) {
                text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            return new ExecResult(p.exitValue(), text, false);
        } catch (IOException e) {
            return new ExecResult(-1, "failed to run " + command + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted", false);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (out) {
                    if (out.size() < MAX_OUTPUT) {
                        out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
