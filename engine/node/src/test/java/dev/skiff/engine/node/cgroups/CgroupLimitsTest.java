package dev.skiff.engine.node.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real cgroups of this machine; skipped where they are missing or not writable. */
@Tag("cgroups")
class CgroupLimitsTest {

    private static final long MI = 1024 * 1024;

    private Cgroups cgroups;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void detect() {
        cgroups = Cgroups.detect("skiff-test-" + UUID.randomUUID().toString().substring(0, 8));
        assumeTrue(cgroups.available(), cgroups.unavailableReason());
    }

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
        if (cgroups != null) {
            cgroups.remove();
        }
    }

    @Test
    void processStartedThroughWrapRunsInTheContainersCgroup() throws Exception {
        ContainerCgroup container = cgroups.pod("uid-1", Limits.NONE).container("app", Limits.NONE);

        Output output = run(container.wrap(List.of("cat", "/proc/self/cgroup")));

        assertThat(output.exitCode()).isZero();
        List<String> expected = cgroups.version().equals("v2")
                ? List.of("::/" + container.path())
                : List.of(":cpu:/", ":cpuacct:/", ":memory:/").stream()
                        .map(controller -> controller + container.path()).toList();
        for (String line : expected) {
            assertThat(output.text()).containsPattern("(?m)^\\d+" + Pattern.quote(line) + "$");
        }
        assertThat(container.path()).isEqualTo(cgroups.path() + "/poduid-1/app");
    }

    @Test
    void argumentsReachTheCommandUntouched() throws Exception {
        ContainerCgroup container = cgroups.pod("uid-1", Limits.NONE).container("app", Limits.NONE);
        List<String> arguments = List.of("two words", "it's", "\"quoted\"", "$HOME", "`id`", "*", "-n", "");

        List<String> command = new ArrayList<>(List.of("printf", "[%s]\\n"));
        command.addAll(arguments);
        Output output = run(container.wrap(command));

        assertThat(output.text().lines().toList())
                .isEqualTo(arguments.stream().map(argument -> "[" + argument + "]").toList());
    }

    @Test
    void kubeletValuesAreWrittenToTheControlFiles() throws Exception {
        ContainerCgroup container = cgroups.pod("uid-1", new Limits(500, 500L, 64 * MI))
                .container("app", new Limits(500, 500L, 64 * MI));

        Path mount = Cgroups.MOUNT_POINT;
        if (cgroups.version().equals("v2")) {
            Path directory = mount.resolve(container.path());
            assertThat(Files.readString(directory.resolve("cpu.max")).strip()).isEqualTo("50000 100000");
            assertThat(Files.readString(directory.resolve("cpu.weight")).strip()).isEqualTo("20");
            assertThat(Files.readString(directory.resolve("memory.max")).strip()).isEqualTo(Long.toString(64 * MI));
        } else {
            Path cpu = mount.resolve("cpu").toRealPath().resolve(container.path());
            assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("50000");
            assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us")).strip()).isEqualTo("100000");
            assertThat(Files.readString(cpu.resolve("cpu.shares")).strip()).isEqualTo("512");
            Path memory = mount.resolve("memory").resolve(container.path());
            assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip())
                    .isEqualTo(Long.toString(64 * MI));
            assertThat(Files.readString(memory.resolve("memory.use_hierarchy")).strip()).isEqualTo("1");
        }
    }

    @Test
    void memoryHogBeyondItsLimitIsOomKilled() throws Exception {
        Limits limits = new Limits(0, null, 32 * MI);
        ContainerCgroup container = cgroups.pod("uid-1", limits).container("hog", limits);
        assertThat(container.oomKillCount()).isZero();

        // tail keeps everything it read until it has seen ten newlines, and /dev/zero has none.
        Output output = run(container.wrap(List.of("tail", "/dev/zero")));

        assertThat(output.exitCode()).isEqualTo(137);
        assertThat(container.oomKillCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void jvmSeesOneProcessorAndAHeapSizedFromTheMemoryLimit() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Limits limits = new Limits(1000, 1000L, 256 * MI);
        ContainerCgroup container = cgroups.pod("uid-1", Limits.ofPod(podOf(limits))).container("jvm", limits);

        Output output = run(container.wrap(List.of(java, "-XshowSettings:system", "-XX:+PrintFlagsFinal",
                "-version")));

        assertThat(output.exitCode()).isZero();
        assertThat(output.text()).contains("Effective CPU Count: 1").contains("Memory Limit: 256.00M");
        Matcher maxHeap = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(output.text());
        assertThat(maxHeap.find()).isTrue();
        // The JVM's default is a quarter of memory, but half (MinRAMPercentage) at 256 MiB and below.
        assertThat(Long.parseLong(maxHeap.group(1))).isBetween(32 * MI, 128 * MI);
    }

    @Test
    void usageReportsCpuTimeAndWorkingSetOfARunningContainer() throws Exception {
        PodCgroup pod = cgroups.pod("uid-1", Limits.NONE);
        ContainerCgroup container = pod.container("busy", Limits.NONE);
        Process process = start(container.wrap(List.of("sh", "-c",
                "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo busy-done; exec cat")));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));

        assertThat(stdout.readLine()).isEqualTo("busy-done");
        Usage usage = container.usage();

        assertThat(usage.cpuUsageNanos()).isPositive();
        assertThat(usage.memoryWorkingSetBytes()).isPositive();
        assertThat(pod.usage().cpuUsageNanos()).isGreaterThanOrEqualTo(usage.cpuUsageNanos());
        assertThat(cgroups.usage().cpuUsageNanos()).isGreaterThanOrEqualTo(usage.cpuUsageNanos());
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void removeStaleKillsWhatRunsInPodsThatAreGoneAndKeepsTheLiveOnes() throws Exception {
        ContainerCgroup gone = cgroups.pod("gone", Limits.NONE).container("app", Limits.NONE);
        ContainerCgroup live = cgroups.pod("live", Limits.NONE).container("app", Limits.NONE);
        Process leftover = startWaiting(gone);
        Process running = startWaiting(live);

        cgroups.removeStale(Set.of("live"));

        assertThat(leftover.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leftover.exitValue()).isEqualTo(137);
        assertThat(running.isAlive()).isTrue();
        for (Path hierarchy : hierarchies()) {
            assertThat(hierarchy.resolve(gone.path())).doesNotExist();
            assertThat(hierarchy.resolve(cgroups.path() + "/podgone")).doesNotExist();
            assertThat(hierarchy.resolve(live.path())).isDirectory();
        }
    }

    @Test
    void containerCgroupCanBeRemovedAndCreatedAgainForARestart() throws Exception {
        PodCgroup pod = cgroups.pod("uid-1", Limits.NONE);
        ContainerCgroup first = pod.container("app", new Limits(0, null, 64 * MI));
        Process process = startWaiting(first);

        first.remove();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ContainerCgroup again = pod.container("app", new Limits(0, null, 64 * MI));
        assertThat(run(again.wrap(List.of("true"))).exitCode()).isZero();
        assertThat(again.oomKillCount()).isZero();

        pod.remove();

        for (Path hierarchy : hierarchies()) {
            assertThat(hierarchy.resolve(pod.path())).doesNotExist();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode podOf(Limits limits) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var pod = mapper.createObjectNode();
        var resources = pod.putArray("containers").addObject().putObject("resources");
        resources.putObject("requests").put("cpu", limits.cpuRequestMillis() + "m");
        resources.putObject("limits").put("cpu", limits.cpuLimitMillis() + "m")
                .put("memory", limits.memoryLimitBytes().toString());
        return pod;
    }

    /** Every hierarchy's mount point the cgroups use. */
    private List<Path> hierarchies() throws IOException {
        if (cgroups.version().equals("v2")) {
            return List.of(Cgroups.MOUNT_POINT);
        }
        List<Path> mounts = new ArrayList<>();
        for (String name : List.of("cpu", "cpuacct", "memory")) {
            Path mount = Cgroups.MOUNT_POINT.resolve(name);
            if (Files.isDirectory(mount)) {
                mounts.add(mount.toRealPath());
            }
        }
        return mounts;
    }

    /** Starts a process that waits on its standard input, once it is running in the container. */
    private Process startWaiting(ContainerCgroup container) throws IOException {
        Process process = start(container.wrap(List.of("sh", "-c", "echo ready; exec cat")));
        String firstLine = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(firstLine).isEqualTo("ready");
        assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cgroup")))
                .contains(":/" + container.path() + "\n");
        return process;
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    private Output run(List<String> command) throws Exception {
        Process process = start(command);
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited: " + Arrays.toString(command.toArray()))
                .isTrue();
        return new Output(process.exitValue(), text);
    }

    private record Output(int exitCode, String text) {
    }
}
