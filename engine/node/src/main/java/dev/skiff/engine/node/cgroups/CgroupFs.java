package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cgroup file system of one version, addressed by paths relative to the hierarchies' mount points
 * ({@code skiff/pod<uid>/<container>}); the kubelet's "cgroupfs" driver.
 */
sealed interface CgroupFs permits CgroupFsV1, CgroupFsV2 {

    /** How long removing a cgroup waits for its killed processes to leave. */
    long EMPTY_TIMEOUT_MILLIS = 10_000;

    /** "v1" or "v2". */
    String version();

    /** The mount points of the hierarchies used, each once: v2's single one, or v1's cpu, cpuacct and memory. */
    List<Path> hierarchies();

    /** Creates the cgroup in every hierarchy, with what its controllers need to be usable; idempotent. */
    void create(String cgroup) throws IOException;

    /** Writes CPU weight and quota and the memory limit. */
    void apply(String cgroup, Limits limits) throws IOException;

    /** CPU time and working set of the cgroup and its descendants. */
    Usage usage(String cgroup) throws IOException;

    /** How many processes the kernel's OOM killer has killed in this cgroup. */
    long oomKillCount(String cgroup) throws IOException;

    /** The cgroup's directory in every hierarchy used. */
    default List<Path> directories(String cgroup) {
        return hierarchies().stream().map(hierarchy -> hierarchy.resolve(cgroup)).toList();
    }

    /** The names of the cgroup's children in any hierarchy. */
    default Set<String> children(String cgroup) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Path directory : directories(cgroup)) {
            for (Path child : ControlFiles.children(directory)) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    /** The processes in the cgroup and its descendants, in any hierarchy. */
    default Set<Long> processes(String cgroup) throws IOException {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path directory : directories(cgroup)) {
            pids.addAll(ControlFiles.processes(directory));
        }
        return pids;
    }

    /** Sends SIGKILL to the given processes of the cgroup. */
    default void kill(String cgroup, Set<Long> pids) throws IOException {
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            if (pid != self) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * Kills what runs in the cgroup and its descendants, waits until they have left, then removes the
     * directories, deepest first. A cgroup that does not exist is already removed.
     */
    default void remove(String cgroup) throws IOException {
        long deadline = System.nanoTime() + EMPTY_TIMEOUT_MILLIS * 1_000_000;
        // Processes may fork while being killed, so kill until nothing is left.
        for (Set<Long> pids = processes(cgroup); !pids.isEmpty(); pids = processes(cgroup)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("processes " + pids + " in cgroup " + cgroup + " did not exit after SIGKILL");
            }
            kill(cgroup, pids);
            pause();
        }
        for (Path directory : directories(cgroup)) {
            removeTree(directory, deadline);
        }
    }

    private static void removeTree(Path directory, long deadline) throws IOException {
        for (Path child : ControlFiles.children(directory)) {
            removeTree(child, deadline);
        }
        while (true) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (FileSystemException busy) {
                // The kernel may report the cgroup busy for a moment after its last process exited.
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot remove cgroup " + directory + ": " + ControlFiles.reason(busy), busy);
                }
                pause();
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a cgroup to empty", interrupted);
        }
    }

    /** The paths in order, each once, nulls left out: v1 may mount several controllers together. */
    static List<Path> distinct(Path... paths) {
        List<Path> distinct = new ArrayList<>();
        for (Path path : paths) {
            if (path != null && !distinct.contains(path)) {
                distinct.add(path);
            }
        }
        return List.copyOf(distinct);
    }
}
