package dev.skiff.engine.node.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection on imitation cgroup trees; the kernel's own behaviour is in {@link CgroupLimitsTest}. */
class CgroupsDetectionTest {

    @TempDir
    Path mount;

    @Test
    void noMountMeansNoLimitsAndSaysSo() {
        Cgroups cgroups = Cgroups.detect(mount.resolve("absent"), "skiff");

        assertThat(cgroups.available()).isFalse();
        assertThat(cgroups.version()).isEqualTo("none");
        assertThat(cgroups.unavailableReason()).isEqualTo("no cgroup file system is mounted at "
                + mount.resolve("absent") + "; CPU and memory limits are not enforced");
        assertThatThrownBy(() -> cgroups.pod("uid", Limits.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(cgroups.unavailableReason());
    }

    @Test
    void v1WithoutMemoryHierarchyIsUnavailable() throws Exception {
        Files.createDirectories(mount.resolve("cpu"));
        Files.writeString(mount.resolve("cpu/cpu.shares"), "1024");

        Cgroups cgroups = Cgroups.detect(mount, "skiff");

        assertThat(cgroups.unavailableReason()).isEqualTo("no cgroup hierarchy for the memory controller is mounted at "
                + mount + "; CPU and memory limits are not enforced");
    }

    @Test
    void v1FindsCpuCpuacctAndMemoryHierarchiesAndCreatesTheRoot() throws Exception {
        for (String file : List.of("cpu/cpu.shares", "cpuacct/cpuacct.usage", "memory/memory.limit_in_bytes")) {
            Files.createDirectories(mount.resolve(file).getParent());
            Files.writeString(mount.resolve(file), "0");
        }

        Cgroups cgroups = Cgroups.detect(mount, "skiff");

        assertThat(cgroups.available()).isTrue();
        assertThat(cgroups.version()).isEqualTo("v1");
        assertThat(cgroups.unavailableReason()).isNull();
        for (String hierarchy : List.of("cpu", "cpuacct", "memory")) {
            assertThat(mount.resolve(hierarchy).resolve("skiff")).isDirectory();
            assertThat(mount.resolve(hierarchy).resolve("skiff")).isEmptyDirectory();
        }
    }

    @Test
    void v2WithoutMemoryControllerIsUnavailable() throws Exception {
        Files.writeString(mount.resolve("cgroup.controllers"), "cpuset cpu io pids\n");

        Cgroups cgroups = Cgroups.detect(mount, "skiff");

        assertThat(cgroups.unavailableReason()).isEqualTo("cgroup v2 at " + mount
                + " does not offer the cpu and memory controllers (it offers: cpu cpuset io pids);"
                + " CPU and memory limits are not enforced");
    }

    @Test
    void v2DelegatesCpuAndMemoryToTheRoot() throws Exception {
        Files.writeString(mount.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(mount.resolve("cgroup.subtree_control"), "pids\n");

        Cgroups cgroups = Cgroups.detect(mount, "skiff");

        assertThat(cgroups.version()).isEqualTo("v2");
        assertThat(mount.resolve("cgroup.subtree_control")).content().startsWith("+cpu +memory");
        assertThat(mount.resolve("skiff")).isDirectory();
    }

    @Test
    void rootNameMayNotLeaveTheHierarchy() {
        assertThatThrownBy(() -> Cgroups.detect(mount, "../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cgroup root name ../escape");
    }

    @Test
    void withoutCgroupsThereIsNothingStaleToRemove() {
        Cgroups cgroups = Cgroups.detect(mount.resolve("absent"), "skiff");

        cgroups.removeStale(Set.of());
        cgroups.remove();

        assertThat(mount).isEmptyDirectory();
    }

    @Test
    void shellQuotingKeepsQuotesLiteral() {
        assertThat(ContainerCgroup.quote("/sys/fs/cgroup/it's")).isEqualTo("'/sys/fs/cgroup/it'\\''s'");
    }
}
