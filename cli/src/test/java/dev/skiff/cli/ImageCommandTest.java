package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `skiff image add/ls/rm` as a user types them. */
class ImageCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    Run skiff(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int exit = new CommandLine(new SkiffCommand()).execute(args);
            return new Run(exit, out.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void addsListsAndRemovesImages() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        String data = dir.resolve("data").toString();
        Run added = skiff("image", "--data-dir", data, "add", "shop/orders:1.4", jar.toString());
        assertThat(added.exit()).isZero();
        assertThat(added.out()).contains("added docker.io/shop/orders:1.4 -> " + jar, "(jar, sha256:");
        assertThat(skiff("image", "--data-dir", data, "ls").out())
                .containsPattern("IMAGE\\s+KIND\\s+DIGEST\\s+PATH")
                .containsPattern("docker.io/shop/orders:1.4\\s+jar\\s+sha256:");
        assertThat(skiff("image", "--data-dir", data, "rm", "shop/orders:1.4").exit()).isZero();
        assertThat(skiff("image", "--data-dir", data, "ls").out()).doesNotContain("orders");
        assertThat(skiff("image", "--data-dir", data, "rm", "shop/orders:1.4").exit()).isEqualTo(1);
    }

    @Test
    void refusesAPathThatIsNotRunnable() {
        Run run = skiff("image", "--data-dir", dir.resolve("data").toString(), "add", "x:1",
                dir.resolve("missing").toString());
        assertThat(run.exit()).isEqualTo(1);
    }
}
