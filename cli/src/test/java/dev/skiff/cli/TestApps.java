package dev.skiff.cli;

import dev.skiff.cli.apps.HelloServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs the test apps ({@code dev.skiff.cli.apps}) into a runnable jar, as a service's build would. */
final class TestApps {
    private TestApps() {
    }

    /** A jar whose main class is {@code mainClass}, holding every class of the apps package. */
    static Path jar(Path dir, Class<?> mainClass) throws IOException {
        Path classes;
        try {
            classes = Path.of(HelloServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path appsDir = classes.resolve("dev/skiff/cli/apps");
        Path jar = dir.resolve(mainClass.getSimpleName().toLowerCase() + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.list(appsDir)) {
            for (Path f : files.toList()) {
                jarOut.putNextEntry(new JarEntry("dev/skiff/cli/apps/" + f.getFileName()));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
