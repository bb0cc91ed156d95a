package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup of one container, where its processes run under the container's limits. A process gets there by
 * being started through {@link #wrap}; its children stay there.
 */
public final class ContainerCgroup {

    private final CgroupFs fs;
    private final String cgroup;

    ContainerCgroup(CgroupFs fs, String cgroup) {
        this.fs = fs;
        this.cgroup = cgroup;
    }

    /** The cgroup's path relative to the hierarchies' mount points, as {@code /proc/PID/cgroup} shows it. */
    public String path() {
        return cgroup;
    }

    /**
     * A command line that moves itself into this cgroup, in every hierarchy used, and then executes
     * {@code command} in its place, so the container's process (same PID) starts inside its limits. The
     * arguments reach the command untouched. When the kernel refuses the move, the shell reports it on
     * standard error and exits with a non-zero status without running the command.
     */
    public List<String> wrap(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run in cgroup " + cgroup);
        }
        StringBuilder script = new StringBuilder();
        for (Path directory : fs.directories(cgroup)) {
            script.append("echo $$ > ").append(quote(directory.resolve("cgroup.procs").toString())).append(" && ");
        }
        // "$0" "$@" are the command and its arguments exactly as passed; the shell never re-parses them.
        script.append("exec \"$0\" \"$@\"");
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** CPU time and working set of the container's processes. */
    public Usage usage() {
        try {
            return fs.usage(cgroup);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the usage of cgroup " + cgroup + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * How many processes the kernel's OOM killer has killed in this container's cgroup since it was created;
     * a container that exited by SIGKILL while this rose was OOMKilled.
     */
    public long oomKillCount() {
        try {
            return fs.oomKillCount(cgroup);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the OOM kills of cgroup " + cgroup + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Sends SIGKILL to every process still in the container's cgroup, without waiting: what the container's main
     * process left running when it ended.
     */
    public void killRemaining() {
        try {
            fs.kill(cgroup, fs.processes(cgroup));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot list the processes of cgroup " + cgroup + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /** Kills what is left in the container with SIGKILL, waits until it is gone, and removes the cgroup. */
    public void remove() {
        try {
            fs.remove(cgroup);
        } catch (IOException refused) {
            throw new UncheckedIOException(refused.getMessage(), refused);
        }
    }

    /** Single quotes for the shell: nothing inside is special except the quote itself. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
