package dev.skiff.engine.node;

import dev.skiff.engine.api.node.ResourceMetrics;
import dev.skiff.engine.node.cgroups.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory use for {@code metrics.k8s.io}: per container from its cgroup (CPU as the average rate since
 * the previous sample, memory as the working set), and for the node from /proc. Without cgroups a container's
 * figures come from its process in /proc.
 */
public final class AgentMetrics implements ResourceMetrics {
    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    private record Sample(Instant at, long cpuNanos) {
    }

    private static final String NODE = "node";

    private final NodeAgent agent;
    private final Clock clock;
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();

    public AgentMetrics(NodeAgent agent, Clock clock) {
        this.agent = agent;
        this.clock = clock;
        // the node's first figure is then the average since the engine started, not zero
        previous.put(NODE, new Sample(clock.instant(), procStatCpuNanos()));
    }

    @Override
    public List<PodUsage> pods() {
        List<PodUsage> result = new ArrayList<>();
        Instant now = clock.instant();
        Set<String> sampled = new HashSet<>();
        for (PodRuntime pod : agent.runtimes()) {
            List<ContainerUsage> containers = new ArrayList<>();
            Duration window = Duration.ZERO;
            synchronized (pod) {
                for (ContainerRuntime c : pod.allContainers()) {
                    if (!c.running()) {
                        continue;
                    }
                    Usage usage = c.cgroup != null ? c.cgroup.usage() : procUsage(c.process.toHandle());
                    String key = pod.uid + "/" + c.name + "/" + c.instance;
                    sampled.add(key);
                    Sample last = previous.put(key, new Sample(now, usage.cpuUsageNanos()));
                    Instant from = last != null ? last.at() : c.startedAt;
                    long fromCpu = last != null ? last.cpuNanos() : 0;
                    long elapsed = Math.max(1, Duration.between(from, now).toNanos());
                    long nanoCores = Math.max(0, (usage.cpuUsageNanos() - fromCpu) * 1_000_000_000L / elapsed);
                    containers.add(new ContainerUsage(c.name, nanoCores, usage.memoryWorkingSetBytes()));
                    window = Duration.ofNanos(elapsed);
                }
            }
            if (!containers.isEmpty()) {
                result.add(new PodUsage(pod.namespace, pod.name, now, window, containers));
            }
        }
        // container instances that ended (or pods that went) are not sampled again
        previous.keySet().removeIf(key -> !key.equals(NODE) && !sampled.contains(key));
        return result;
    }

    @Override
    public Optional<NodeUsage> node() {
        Instant now = clock.instant();
        long cpu = procStatCpuNanos();
        Sample last = previous.put(NODE, new Sample(now, cpu));
        if (last == null) {
            last = new Sample(now.minusSeconds(1), cpu);
        }
        long elapsed = Math.max(1, Duration.between(last.at(), now).toNanos());
        long nanoCores = Math.max(0, (cpu - last.cpuNanos()) * 1_000_000_000L / elapsed);
        return Optional.of(new NodeUsage(agent.nodeName(), now, Duration.ofNanos(elapsed), nanoCores,
                memoryInUse()));
    }

    /** A process tree's CPU time and resident memory, from /proc, where there is no cgroup to ask. */
    static Usage procUsage(ProcessHandle root) {
        long cpu = 0;
        long rss = 0;
        for (ProcessHandle p : ProcessTree.of(root)) {
            cpu += p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            rss += statusKb(p.pid(), "VmRSS:") * 1024;
        }
        return new Usage(cpu, rss);
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile
        }
        return 0;
    }

    private static long procStatCpuNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not use
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * CLOCK_TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long memoryInUse() {
        long total = 0;
        long available = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                } else if (line.startsWith("MemAvailable:")) {
                    available = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return total - available;
    }
}
