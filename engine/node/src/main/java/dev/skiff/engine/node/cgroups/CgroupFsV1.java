package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1: one hierarchy per controller (or a few controllers together), each its own mount under
 * {@code /sys/fs/cgroup}. A pod's processes join the cpu, cpuacct and memory hierarchies.
 */
final class CgroupFsV1 implements CgroupFs {

    private static final String UNLIMITED = "-1";

    private final Path cpu;
    private final Path cpuacct;
    private final Path memory;
    private final List<Path> hierarchies;

    private CgroupFsV1(Path cpu, Path cpuacct, Path memory) {
        this.cpu = cpu;
        this.cpuacct = cpuacct;
        this.memory = memory;
        this.hierarchies = CgroupFs.distinct(cpu, cpuacct, memory);
    }

    /**
     * Finds the cpu, cpuacct and memory hierarchies among the mounts under {@code mountRoot}, by the control
     * files each has (so {@code cpu}, {@code cpu,cpuacct} and a {@code cpu -> cpu,cpuacct} link all work).
     */
    static CgroupFsV1 find(Path mountRoot) throws IOException, CgroupsUnavailable {
        Path cpu = null;
        Path cpuacct = null;
        Path memory = null;
        List<Path> mounts = new ArrayList<>(ControlFiles.children(mountRoot));
        mounts.sort(null);
        for (Path mount : mounts) {
            Path real = mount.toRealPath();
            if (cpu == null && Files.exists(real.resolve("cpu.shares"))) {
                cpu = real;
            }
            if (cpuacct == null && Files.exists(real.resolve("cpuacct.usage"))) {
                cpuacct = real;
            }
            if (memory == null && Files.exists(real.resolve("memory.limit_in_bytes"))) {
                memory = real;
            }
        }
        if (cpu == null || memory == null) {
            throw new CgroupsUnavailable("no cgroup hierarchy for the "
                    + (cpu == null && memory == null ? "cpu and memory controllers" : cpu == null ? "cpu controller"
                            : "memory controller") + " is mounted at " + mountRoot);
        }
        return new CgroupFsV1(cpu, cpuacct, memory);
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public List<Path> hierarchies() {
        return hierarchies;
    }

    @Override
    public void create(String cgroup) throws IOException {
        for (Path directory : directories(cgroup)) {
            Files.createDirectories(directory);
        }
        // Without use_hierarchy a pod's memory limit would not cover its containers. New cgroups inherit the
        // setting, and it can only change while the cgroup has no children, so set it where it is still 0.
        Path useHierarchy = memory.resolve(cgroup).resolve("memory.use_hierarchy");
        if (Files.exists(useHierarchy) && ControlFiles.read(useHierarchy).equals("0")) {
            ControlFiles.write(useHierarchy, "1");
        }
    }

    @Override
    public void apply(String cgroup, Limits limits) throws IOException {
        Path cpuDirectory = cpu.resolve(cgroup);
        ControlFiles.write(cpuDirectory.resolve("cpu.shares"), Long.toString(limits.cpuShares()));
        ControlFiles.write(cpuDirectory.resolve("cpu.cfs_period_us"), Long.toString(Limits.CPU_PERIOD_MICROS));
        Long quota = limits.cpuQuotaMicros();
        ControlFiles.write(cpuDirectory.resolve("cpu.cfs_quota_us"), quota == null ? UNLIMITED : quota.toString());

        Path memoryDirectory = memory.resolve(cgroup);
        String limit = limits.memoryLimitBytes() == null ? UNLIMITED : limits.memoryLimitBytes().toString();
        // With swap on, memory+swap must be limited too or the limit only pushes pages to swap. The kernel
        // wants memsw >= memory at every step: lift memsw, set memory, then bring memsw down to it.
        Path memsw = memoryDirectory.resolve("memory.memsw.limit_in_bytes");
        boolean swapAccounting = Files.exists(memsw);
        if (swapAccounting) {
            ControlFiles.write(memsw, UNLIMITED);
        }
        ControlFiles.write(memoryDirectory.resolve("memory.limit_in_bytes"), limit);
        if (swapAccounting) {
            ControlFiles.write(memsw, limit);
        }
    }

    @Override
    public Usage usage(String cgroup) throws IOException {
        long cpuNanos = cpuacct == null ? 0 : ControlFiles.readLong(cpuacct.resolve(cgroup).resolve("cpuacct.usage"));
        Path memoryDirectory = memory.resolve(cgroup);
        long used = ControlFiles.readLong(memoryDirectory.resolve("memory.usage_in_bytes"));
        // total_ counts descendants too, as usage_in_bytes does under use_hierarchy.
        long inactiveFile = ControlFiles.readKeyed(memoryDirectory.resolve("memory.stat"))
                .getOrDefault("total_inactive_file", 0L);
        return new Usage(cpuNanos, Usage.workingSet(used, inactiveFile));
    }

    @Override
    public long oomKillCount(String cgroup) throws IOException {
        // "oom_kill" is there since Linux 4.13. memory.failcnt is no substitute: it counts every time usage hit
        // the limit, which reclaiming page cache resolves without killing anything.
        Map<String, Long> control = ControlFiles.readKeyed(memory.resolve(cgroup).resolve("memory.oom_control"));
        return control.getOrDefault("oom_kill", 0L);
    }
}
