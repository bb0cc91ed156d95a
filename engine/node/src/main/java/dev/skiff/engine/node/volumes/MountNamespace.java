package dev.skiff.engine.node.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a container's command in a private mount namespace where each volume is bind-mounted at its
 * {@code mountPath}, which is what a container runtime would do, without one. This needs Linux, root and
 * {@code unshare}; elsewhere the command runs unchanged and the container must find its volumes through
 * {@link #describe(List)}.
 *
 * <p>The wrapped command is {@code unshare --mount --propagation private /bin/sh -c SCRIPT CMD ARGS...}: the
 * script creates each missing mount point (a directory, or an empty file for a file), bind-mounts the volume
 * there, remounts it read-only when asked, and then {@code exec}s {@code "$0" "$@"}, so the command and its
 * arguments reach the process exactly as given. Mount points that did not exist are created on the host's file
 * system (the namespace hides the mounts, not the directories).
 */
public final class MountNamespace {

    private static final String UNSHARE = "unshare";
    private static final String SHELL = "/bin/sh";

    private MountNamespace() {
    }

    /** Whether commands can run in a private mount namespace here; checked once. */
    public static boolean supported() {
        return Support.SUPPORTED;
    }

    /** {@code command} wrapped to see {@code mounts}, or unchanged when not {@link #supported()} or no mounts. */
    public static List<String> wrap(List<Mount> mounts, List<String> command) {
        return wrap(mounts, command, null);
    }

    /**
     * {@code command} wrapped to see {@code mounts} and to start in {@code workingDir} (created if missing, as
     * runc does), which may lie inside a mount; unchanged when not {@link #supported()} or no mounts, when the
     * caller must set the working directory itself.
     */
    public static List<String> wrap(List<Mount> mounts, List<String> command, Path workingDir) {
        if (mounts.isEmpty() || !supported()) {
            return command;
        }
        return wrapAlways(mounts, command, workingDir);
    }

    /** The wrapping itself, whether or not this machine supports it. */
    static List<String> wrapAlways(List<Mount> mounts, List<String> command, Path workingDir) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        List<String> wrapped = new ArrayList<>(List.of(UNSHARE, "--mount", "--propagation", "private", SHELL, "-c",
                script(mounts, workingDir)));
        wrapped.addAll(command);
        return wrapped;
    }

    /** One line per mount, {@code /etc/config -> /var/lib/skiff/pods/UID/volumes/config}, with {@code (ro)}. */
    public static String describe(List<Mount> mounts) {
        return mounts.stream()
                .map(m -> m.mountPath() + " -> " + m.hostPath() + (m.readOnly() ? " (ro)" : ""))
                .collect(Collectors.joining("\n"));
    }

    // Parents before children, so that a volume mounted inside another one is not hidden by it.
    static String script(List<Mount> mounts, Path workingDir) {
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort(Comparator.comparingInt(m -> Path.of(m.mountPath()).normalize().getNameCount()));
        StringBuilder script = new StringBuilder("set -e\n");
        for (Mount mount : ordered) {
            String source = quote(mount.hostPath().toString());
            String target = quote(mount.mountPath());
            if (Files.isDirectory(mount.hostPath())) {
                script.append("mkdir -p ").append(target).append('\n');
            } else {
                String parent = quote(parentOf(mount.mountPath()));
                script.append("[ -e ").append(target).append(" ] || { mkdir -p ").append(parent)
                        .append(" && : > ").append(target).append("; }\n");
            }
            script.append("mount --bind ").append(source).append(' ').append(target).append('\n');
            if (mount.readOnly()) {
                script.append("mount -o remount,bind,ro ").append(target).append('\n');
            }
        }
        if (workingDir != null) {
            String dir = quote(workingDir.toString());
            script.append("mkdir -p ").append(dir).append(" && cd ").append(dir).append('\n');
        }
        return script.append("exec \"$0\" \"$@\"\n").toString();
    }

    /** A POSIX shell single-quoted word: {@code it's} becomes {@code 'it'\''s'}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String parentOf(String mountPath) {
        Path parent = Path.of(mountPath).getParent();
        return parent == null ? "/" : parent.toString();
    }

    // Initialized on first use: running unshare once tells whether this process may create mount namespaces.
    private static final class Support {
        static final boolean SUPPORTED = probe();

        private static boolean probe() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                    || !Files.isExecutable(Path.of(SHELL))) {
                return false;
            }
            try {
                Process process = new ProcessBuilder(UNSHARE, "--mount", "--propagation", "private", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
