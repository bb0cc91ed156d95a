package dev.skiff.engine.node.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path dir;

    private ImageStore store() {
        return new ImageStore(dir.resolve("data"));
    }

    private Path file(String name, String content, boolean executable) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        assertThat(file.toFile().setExecutable(executable)).isTrue();
        return file;
    }

    private static String sha256(String content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aJarRunsOnTheEnginesJava() throws Exception {
        Path jar = file("app.jar", "PK-not-really", false);

        Image image = store().add("example.com/app:1.0", jar);

        assertThat(image.kind()).isEqualTo(Image.Kind.JAR);
        assertThat(image.reference()).isEqualTo("example.com/app:1.0");
        assertThat(image.digest()).isEqualTo(sha256("PK-not-really"));
        assertThat(image.entrypoint(Path.of("/jdk/bin/java")))
                .containsExactly("/jdk/bin/java", "-jar", jar.toAbsolutePath().toString());
        assertThat(image.workingDir()).isNull();
        assertThat(image.imageId()).isEqualTo("example.com/app@" + sha256("PK-not-really"));
    }

    @Test
    void aDirectoryRunsItsEntrypointFromInsideTheDirectory() throws Exception {
        Path tool = Files.createDirectory(dir.resolve("tool"));
        Files.writeString(tool.resolve("entrypoint"), "#!/bin/sh\nexec sleep 1\n");
        assertThat(tool.resolve("entrypoint").toFile().setExecutable(true)).isTrue();

        Image image = store().add("tool", tool);

        assertThat(image.kind()).isEqualTo(Image.Kind.DIRECTORY);
        assertThat(image.reference()).isEqualTo("docker.io/library/tool:latest");
        assertThat(image.digest()).isEqualTo(sha256("#!/bin/sh\nexec sleep 1\n"));
        assertThat(image.entrypoint(Path.of("/jdk/bin/java"))).containsExactly(tool.resolve("entrypoint").toString());
        assertThat(image.workingDir()).isEqualTo(tool);
    }

    @Test
    void anExecutableRunsAsItIs() throws Exception {
        Path script = file("sleeper", "#!/bin/sh\nsleep 1\n", true);

        Image image = store().add("sleeper:v1", script);

        assertThat(image.kind()).isEqualTo(Image.Kind.EXECUTABLE);
        assertThat(image.entrypoint(Path.of("/jdk/bin/java"))).containsExactly(script.toString());
    }

    @Test
    void anImageIsFoundByAnyOfItsNames() throws Exception {
        store().add("busybox", file("bb", "x", true));

        assertThat(store().find("busybox")).isPresent();
        assertThat(store().find("busybox:latest")).isPresent();
        assertThat(store().find("docker.io/library/busybox:latest")).isPresent();
        assertThat(store().find("docker.io/busybox")).isPresent();
        assertThat(store().find("busybox:1.36")).isEmpty();
        assertThat(store().find("example.com/busybox")).isEmpty();
    }

    @Test
    void addingAReferenceAgainReplacesIt() throws Exception {
        store().add("app", file("one", "1", true));
        store().add("other", file("two", "2", true));
        store().add("app:latest", file("three", "3", true));

        List<Image> images = store().list();
        assertThat(images).extracting(Image::reference)
                .containsExactlyInAnyOrder("docker.io/library/app:latest", "docker.io/library/other:latest");
        assertThat(store().find("app").orElseThrow().path()).isEqualTo(dir.resolve("three"));
    }

    @Test
    void removingSaysWhetherTheImageWasThere() throws Exception {
        store().add("app", file("one", "1", true));

        assertThat(store().remove("docker.io/library/app")).isTrue();
        assertThat(store().remove("app")).isFalse();
        assertThat(store().find("app")).isEmpty();
        assertThat(store().list()).isEmpty();
    }

    @Test
    void anEmptyStoreHasNoImagesAndWritesNoFile() throws Exception {
        assertThat(store().list()).isEmpty();
        assertThat(store().remove("app")).isFalse();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutAnExecutableEntrypointIsRefused() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> store().add("app", empty)).isInstanceOf(IOException.class)
                .hasMessage("the directory " + empty + " has no executable file named 'entrypoint' to run");

        Files.writeString(empty.resolve("entrypoint"), "not executable");
        assertThatThrownBy(() -> store().add("app", empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no executable file named 'entrypoint'");
    }

    @Test
    void aMissingPathIsRefused() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> store().add("app", missing)).isInstanceOf(IOException.class)
                .hasMessage(missing + " does not exist: give a jar, a directory with an 'entrypoint' file, or an "
                        + "executable");
    }

    @Test
    void aFileThatIsNeitherAJarNorExecutableIsRefused() throws Exception {
        Path text = file("notes.txt", "hello", false);
        assertThatThrownBy(() -> store().add("app", text)).isInstanceOf(IOException.class)
                .hasMessage(text + " is neither a jar nor executable");
        assertThat(store().list()).isEmpty();
    }

    @Test
    void anEmptyReferenceIsRefused() throws Exception {
        Path script = file("s", "x", true);
        assertThatThrownBy(() -> store().add(" ", script)).isInstanceOf(IllegalArgumentException.class);
    }
}
