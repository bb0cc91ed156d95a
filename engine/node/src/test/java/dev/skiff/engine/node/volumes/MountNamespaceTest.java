package dev.skiff.engine.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountNamespaceTest {

    @TempDir
    Path tmp;

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void quotesWordsForTheShellExactly() throws Exception {
        for (String word : List.of("plain", "with space", "it's", "say \"hi\"", "$HOME `id` \\n", "'", "")) {
            Result result = run(List.of("/bin/sh", "-c", "printf %s " + MountNamespace.quote(word)));
            assertThat(result.output()).isEqualTo(word);
        }
    }

    @Test
    void leavesTheCommandAloneWithoutMounts() {
        List<String> command = List.of("/bin/echo", "hi");

        assertThat(MountNamespace.wrap(List.of(), command)).isSameAs(command);
    }

    @Test
    void describesMountsForPeopleWhenTheyCannotBeMade() {
        List<Mount> mounts = List.of(
                new Mount(Path.of("/var/lib/skiff/pods/u1/volumes/config"), "/etc/config", true),
                new Mount(Path.of("/var/lib/skiff/pods/u1/volumes/cache"), "/cache", false));

        assertThat(MountNamespace.describe(mounts)).isEqualTo(
                "/etc/config -> /var/lib/skiff/pods/u1/volumes/config (ro)\n"
                        + "/cache -> /var/lib/skiff/pods/u1/volumes/cache");
    }

    @Test
    void wrapsInUnshareAndExecsTheOriginalCommand() {
        List<String> wrapped = MountNamespace.wrapAlways(
                List.of(new Mount(tmp, "/data", false)), List.of("/bin/app", "--flag", "a b"), null);

        assertThat(wrapped.subList(0, 6)).containsExactly("unshare", "--mount", "--propagation", "private",
                "/bin/sh", "-c");
        assertThat(wrapped.get(6)).contains("mount --bind '" + tmp + "' '/data'").endsWith("exec \"$0\" \"$@\"\n");
        assertThat(wrapped.subList(7, 10)).containsExactly("/bin/app", "--flag", "a b");
    }

    @Test
    void processSeesTheVolumeAtItsMountPath() throws Exception {
        assumeTrue(MountNamespace.supported(), "needs root, Linux and unshare");
        Path volume = Files.createDirectories(tmp.resolve("volumes/config"));
        Files.writeString(volume.resolve("app.conf"), "port=80");
        Path mountPath = tmp.resolve("root/etc/it's config");

        Result result = run(MountNamespace.wrap(List.of(new Mount(volume, mountPath.toString(), false)),
                List.of("/bin/cat", mountPath.resolve("app.conf").toString())));

        assertThat(result).isEqualTo(new Result(0, "port=80"));
        // The mount lived in the process's own namespace only.
        assertThat(mountPath).isEmptyDirectory();
    }

    @Test
    void argumentsReachTheProcessUnchanged() throws Exception {
        assumeTrue(MountNamespace.supported(), "needs root, Linux and unshare");
        Path volume = Files.createDirectories(tmp.resolve("volumes/data"));
        List<String> args = List.of("a b", "it's", "say \"hi\"", "$HOME", "*", "");
        List<String> command = new ArrayList<>(List.of("/usr/bin/printf", "[%s]\\n"));
        command.addAll(args);

        Result result = run(MountNamespace.wrap(List.of(new Mount(volume, tmp.resolve("mnt").toString(), false)),
                command));

        assertThat(result).isEqualTo(new Result(0, "[a b]\n[it's]\n[say \"hi\"]\n[$HOME]\n[*]\n[]\n"));
    }

    @Test
    void startsInTheWorkingDirectoryInsideAMount() throws Exception {
        assumeTrue(MountNamespace.supported(), "needs root, Linux and unshare");
        Path volume = Files.createDirectories(tmp.resolve("volumes/app"));
        Files.writeString(volume.resolve("main.txt"), "hello");
        Path mountPath = tmp.resolve("root/app");

        Result result = run(MountNamespace.wrap(List.of(new Mount(volume, mountPath.toString(), false)),
                List.of("/bin/sh", "-c", "pwd; cat main.txt"), mountPath));

        assertThat(result).isEqualTo(new Result(0, mountPath + "\nhello"));
    }

    @Test
    void readOnlyMountsRefuseWrites() throws Exception {
        assumeTrue(MountNamespace.supported(), "needs root, Linux and unshare");
        Path volume = Files.createDirectories(tmp.resolve("volumes/config"));
        Path mountPath = tmp.resolve("root/config");

        Result result = run(MountNamespace.wrap(List.of(new Mount(volume, mountPath.toString(), true)),
                List.of("/bin/sh", "-c", "echo x > \"$1/new\"", "sh", mountPath.toString())));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).containsIgnoringCase("read-only");
        assertThat(volume.resolve("new")).doesNotExist();
    }

    @Test
    void singleFilesMountOverAFileMountPointAndNestedMountsStack() throws Exception {
        assumeTrue(MountNamespace.supported(), "needs root, Linux and unshare");
        Path outer = Files.createDirectories(tmp.resolve("volumes/outer"));
        Files.writeString(outer.resolve("outer.txt"), "outer");
        Path file = Files.writeString(tmp.resolve("volumes/app.conf"), "port=80");
        Path root = tmp.resolve("root");
        // The nested mount comes first in the list; the parent must still be mounted before it.
        List<Mount> mounts = List.of(
                new Mount(file, root.resolve("etc/app/app.conf").toString(), true),
                new Mount(outer, root.resolve("etc/app").toString(), false));

        Result result = run(MountNamespace.wrap(mounts, List.of("/bin/sh", "-c",
                "cat \"$1/etc/app/app.conf\"; echo; cat \"$1/etc/app/outer.txt\"", "sh", root.toString())));

        assertThat(result).isEqualTo(new Result(0, "port=80\nouter"));
    }
}
