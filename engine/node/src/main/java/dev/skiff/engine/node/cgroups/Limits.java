package dev.skiff.engine.node.cgroups;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.resource.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The CPU and memory a container or a pod may use, in the units cgroups are written in, and the kubelet's
 * arithmetic that turns them into cgroup settings.
 *
 * @param cpuRequestMillis  the CPU request in millicores; 0 when none (the cgroup then gets the minimum weight)
 * @param cpuLimitMillis    the CPU limit in millicores, or null when there is none (zero counts as none)
 * @param memoryLimitBytes  the memory limit in bytes, or null when there is none (zero counts as none)
 */
public record Limits(long cpuRequestMillis, Long cpuLimitMillis, Long memoryLimitBytes) {

    /** No request and no limit: what a BestEffort container gets. */
    public static final Limits NONE = new Limits(0, null, null);

    /** The CFS period the kubelet uses: 100 ms. */
    public static final long CPU_PERIOD_MICROS = 100_000;

    static final long MIN_SHARES = 2;
    static final long MAX_SHARES = 262_144;
    static final long SHARES_PER_CPU = 1024;
    // The kernel refuses a quota below 1 ms.
    static final long MIN_QUOTA_MICROS = 1000;

    public Limits {
        if (cpuRequestMillis < 0) {
            throw new IllegalArgumentException("cpu request must be non-negative, got " + cpuRequestMillis + "m");
        }
        if (cpuLimitMillis != null && cpuLimitMillis <= 0) {
            cpuLimitMillis = null;
        }
        if (memoryLimitBytes != null && memoryLimitBytes <= 0) {
            memoryLimitBytes = null;
        }
    }

    /**
     * The limits of one container from its {@code resources}. A missing CPU request equals the CPU limit, as
     * API defaulting makes it; a zero or missing limit means none.
     */
    public static Limits ofContainer(JsonNode container) {
        Resources resources = Resources.of(container.path("resources"));
        return new Limits(resources.cpuRequest(), resources.cpuLimit(), resources.memoryLimit());
    }

    /**
     * The limits of a pod's cgroup from its spec, as the kubelet computes them: requests and limits of the
     * app containers and sidecars (restartable init containers) add up, and an init container raises the
     * total when it alone (with the sidecars started before it) needs more. A pod gets a CPU or memory limit
     * only when every container declares one; pod-level {@code spec.resources} take precedence and
     * {@code spec.overhead} is added.
     */
    public static Limits ofPod(JsonNode podSpec) {
        Aggregate running = new Aggregate();
        Aggregate sidecars = new Aggregate();
        Aggregate initPeak = new Aggregate();
        boolean cpuLimited = true;
        boolean memoryLimited = true;
        for (JsonNode container : podSpec.path("containers")) {
            Resources resources = Resources.of(container.path("resources"));
            running.add(resources);
            cpuLimited &= resources.cpuLimit() != null;
            memoryLimited &= resources.memoryLimit() != null;
        }
        for (JsonNode container : podSpec.path("initContainers")) {
            Resources resources = Resources.of(container.path("resources"));
            cpuLimited &= resources.cpuLimit() != null;
            memoryLimited &= resources.memoryLimit() != null;
            if ("Always".equals(container.path("restartPolicy").asText())) {
                running.add(resources);
                sidecars.add(resources);
                initPeak.raiseTo(sidecars);
            } else {
                Aggregate whileRunning = new Aggregate();
                whileRunning.add(sidecars);
                whileRunning.add(resources);
                initPeak.raiseTo(whileRunning);
            }
        }
        running.raiseTo(initPeak);

        long cpuRequest = running.cpuRequest;
        Long cpuLimit = cpuLimited ? running.cpuLimit : null;
        Long memoryLimit = memoryLimited ? running.memoryLimit : null;

        JsonNode podLevel = podSpec.path("resources");
        Long podCpuRequest = milliCpu(podLevel.path("requests").get("cpu"));
        Long podCpuLimit = milliCpu(podLevel.path("limits").get("cpu"));
        Long podMemoryLimit = bytes(podLevel.path("limits").get("memory"));
        if (podCpuRequest != null) {
            cpuRequest = podCpuRequest;
        } else if (podCpuLimit != null) {
            cpuRequest = podCpuLimit;
        }
        if (podCpuLimit != null) {
            cpuLimit = podCpuLimit;
        }
        if (podMemoryLimit != null) {
            memoryLimit = podMemoryLimit;
        }

        JsonNode overhead = podSpec.path("overhead");
        long overheadCpu = orZero(milliCpu(overhead.get("cpu")));
        long overheadMemory = orZero(bytes(overhead.get("memory")));
        cpuRequest += overheadCpu;
        if (cpuLimit != null) {
            cpuLimit += overheadCpu;
        }
        if (memoryLimit != null) {
            memoryLimit += overheadMemory;
        }
        return new Limits(cpuRequest, cpuLimit, memoryLimit);
    }

    /** cgroup v1 {@code cpu.shares}: 1024 per CPU requested, at least 2 (the kernel's minimum). */
    public long cpuShares() {
        long shares = cpuRequestMillis * SHARES_PER_CPU / 1000;
        return Math.min(MAX_SHARES, Math.max(MIN_SHARES, shares));
    }

    /** cgroup v2 {@code cpu.weight}: the shares mapped from [2, 262144] onto [1, 10000] as the kubelet does. */
    public long cpuWeight() {
        return 1 + ((cpuShares() - MIN_SHARES) * 9999) / (MAX_SHARES - MIN_SHARES);
    }

    /** The CFS quota in microseconds per {@link #CPU_PERIOD_MICROS}, at least 1 ms; null when unlimited. */
    public Long cpuQuotaMicros() {
        if (cpuLimitMillis == null) {
            return null;
        }
        return Math.max(MIN_QUOTA_MICROS, cpuLimitMillis * CPU_PERIOD_MICROS / 1000);
    }

    /** cgroup v2 {@code cpu.max}: {@code "quota period"}, or {@code "max 100000"} without a limit. */
    public String cpuMax() {
        Long quota = cpuQuotaMicros();
        return (quota == null ? "max" : quota.toString()) + " " + CPU_PERIOD_MICROS;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** A quantity in millicores rounded up, as {@code Quantity.MilliValue()}; null when absent or not positive. */
    static Long milliCpu(JsonNode quantity) {
        return Quantity.of(quantity)
                .filter(q -> q.signum() > 0)
                .map(q -> saturatedLong(q.value().movePointRight(3)))
                .orElse(null);
    }

    /** A quantity in whole units rounded up, as {@code Quantity.Value()}; null when absent or not positive. */
    static Long bytes(JsonNode quantity) {
        return Quantity.of(quantity)
                .filter(q -> q.signum() > 0)
                .map(q -> saturatedLong(q.value()))
                .orElse(null);
    }

    private static long saturatedLong(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.CEILING);
        return whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : whole.longValue();
    }

    /** One container's resources in cgroup units. */
    private record Resources(long cpuRequest, Long cpuLimit, Long memoryLimit) {
        static Resources of(JsonNode resources) {
            Long cpuLimit = milliCpu(resources.path("limits").get("cpu"));
            Long cpuRequest = milliCpu(resources.path("requests").get("cpu"));
            if (cpuRequest == null && !resources.path("requests").has("cpu")) {
                cpuRequest = cpuLimit;
            }
            return new Resources(orZero(cpuRequest), cpuLimit, bytes(resources.path("limits").get("memory")));
        }
    }

    /** Running totals; a missing limit counts as zero here, and whether all were declared is tracked apart. */
    private static final class Aggregate {
        long cpuRequest;
        long cpuLimit;
        long memoryLimit;

        void add(Resources resources) {
            cpuRequest = saturatedAdd(cpuRequest, resources.cpuRequest());
            cpuLimit = saturatedAdd(cpuLimit, orZero(resources.cpuLimit()));
            memoryLimit = saturatedAdd(memoryLimit, orZero(resources.memoryLimit()));
        }

        void add(Aggregate other) {
            cpuRequest = saturatedAdd(cpuRequest, other.cpuRequest);
            cpuLimit = saturatedAdd(cpuLimit, other.cpuLimit);
            memoryLimit = saturatedAdd(memoryLimit, other.memoryLimit);
        }

        void raiseTo(Aggregate other) {
            cpuRequest = Math.max(cpuRequest, other.cpuRequest);
            cpuLimit = Math.max(cpuLimit, other.cpuLimit);
            memoryLimit = Math.max(memoryLimit, other.memoryLimit);
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
