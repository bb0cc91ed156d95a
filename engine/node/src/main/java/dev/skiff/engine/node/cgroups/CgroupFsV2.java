package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * cgroup v2: one unified hierarchy. A parent must delegate the cpu and memory controllers to its children
 * through {@code cgroup.subtree_control}, and only leaves (the containers) hold processes.
 */
final class CgroupFsV2 implements CgroupFs {

    private static final List<String> CONTROLLERS = List.of("cpu", "memory");

    private final Path mount;

    private CgroupFsV2(Path mount) {
        this.mount = mount;
    }

    /** The unified hierarchy at {@code mount} when it offers the cpu and memory controllers. */
    static CgroupFsV2 find(Path mount) throws IOException, CgroupsUnavailable {
        Set<String> offered = words(ControlFiles.read(mount.resolve("cgroup.controllers")));
        if (!offered.containsAll(CONTROLLERS)) {
            throw new CgroupsUnavailable("cgroup v2 at " + mount + " does not offer the cpu and memory controllers"
                    + " (it offers: " + (offered.isEmpty() ? "none" : String.join(" ", offered)) + ")");
        }
        return new CgroupFsV2(mount);
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public List<Path> hierarchies() {
        return List.of(mount);
    }

    @Override
    public void create(String cgroup) throws IOException {
        Path directory = mount.resolve(cgroup);
        Path parent = directory.getParent();
        if (!parent.equals(mount) && !Files.isDirectory(parent)) {
            create(mount.relativize(parent).toString());
        }
        Path subtreeControl = parent.resolve("cgroup.subtree_control");
        if (!words(ControlFiles.read(subtreeControl)).containsAll(CONTROLLERS)) {
            ControlFiles.write(subtreeControl, "+cpu +memory");
        }
        Files.createDirectories(directory);
    }

    @Override
    public void apply(String cgroup, Limits limits) throws IOException {
        Path directory = mount.resolve(cgroup);
        ControlFiles.write(directory.resolve("cpu.weight"), Long.toString(limits.cpuWeight()));
        ControlFiles.write(directory.resolve("cpu.max"), limits.cpuMax());
        Long limit = limits.memoryLimitBytes();
        ControlFiles.write(directory.resolve("memory.max"), limit == null ? "max" : limit.toString());
        // Like the kubelet without swap: a limited container may not escape its limit into swap.
        Path swap = directory.resolve("memory.swap.max");
        if (Files.exists(swap)) {
            ControlFiles.write(swap, limit == null ? "max" : "0");
        }
    }

    @Override
    public Usage usage(String cgroup) throws IOException {
        Path directory = mount.resolve(cgroup);
        long cpuMicros = ControlFiles.readKeyed(directory.resolve("cpu.stat")).getOrDefault("usage_usec", 0L);
        long used = ControlFiles.readLong(directory.resolve("memory.current"));
        long inactiveFile = ControlFiles.readKeyed(directory.resolve("memory.stat")).getOrDefault("inactive_file", 0L);
        return new Usage(cpuMicros * 1000, Usage.workingSet(used, inactiveFile));
    }

    @Override
    public long oomKillCount(String cgroup) throws IOException {
        return ControlFiles.readKeyed(mount.resolve(cgroup).resolve("memory.events")).getOrDefault("oom_kill", 0L);
    }

    /** Kills the whole subtree at once through {@code cgroup.kill} (Linux 5.14+), which forks cannot outrun. */
    @Override
    public void kill(String cgroup, Set<Long> pids) throws IOException {
        Path killFile = mount.resolve(cgroup).resolve("cgroup.kill");
        if (Files.exists(killFile)) {
            ControlFiles.write(killFile, "1");
        } else {
            CgroupFs.super.kill(cgroup, pids);
        }
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(word -> !word.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
