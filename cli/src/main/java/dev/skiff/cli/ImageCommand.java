package dev.skiff.cli;

import dev.skiff.engine.node.images.Image;
import dev.skiff.engine.node.images.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skiff image}: the local image store that pods' {@code image} references resolve through. It works on
 * the data directory, with or without a running engine; a running engine uses a new image at its next try.
 */
@Command(name = "image", description = "Manage the local images pods run (jars, directories, executables).",
        subcommands = {ImageCommand.Add.class, ImageCommand.Ls.class, ImageCommand.Rm.class})
final class ImageCommand implements Runnable {
    @Option(names = "--data-dir", description = "The engine's data directory (default: ~/.skiff).")
    Path dataDir = Path.of(System.getProperty("user.home"), ".skiff");

    @Override
    public void run() {
        System.out.println("Usage: skiff image add REF PATH | skiff image ls | skiff image rm REF");
    }

    ImageStore store() {
        return new ImageStore(dataDir);
    }

    @Command(name = "add", description = "Register REF as a jar, a directory with an 'entrypoint' file, or an executable.")
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImageCommand parent;
        @Parameters(index = "0", paramLabel = "REF")
        String reference;
        @Parameters(index = "1", paramLabel = "PATH")
        Path path;

        @Override
        public Integer call() {
            try {
                Image image = parent.store().add(reference, path);
                System.out.println("added " + image.reference() + " -> " + image.path() + " ("
                        + image.kind().name().toLowerCase() + ", " + image.digest() + ")");
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "ls", description = "List the images.")
    static final class Ls implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImageCommand parent;

        @Override
        public Integer call() {
            List<Image> images = parent.store().list();
            int width = Math.max("IMAGE".length(), images.stream().mapToInt(i -> i.reference().length()).max().orElse(0));
            System.out.printf("%-" + width + "s   %-10s   %-19s   %s%n", "IMAGE", "KIND", "DIGEST", "PATH");
            for (Image i : images) {
                System.out.printf("%-" + width + "s   %-10s   %-19s   %s%n", i.reference(),
                        i.kind().name().toLowerCase(), i.digest().substring(0, Math.min(19, i.digest().length())),
                        i.path());
            }
            return 0;
        }
    }

    @Command(name = "rm", description = "Remove an image reference (the file itself is left alone).")
    static final class Rm implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImageCommand parent;
        @Parameters(index = "0", paramLabel = "REF")
        String reference;

        @Override
        public Integer call() throws IOException {
            if (!parent.store().remove(reference)) {
                System.err.println("error: no image " + reference);
                return 1;
            }
            System.out.println("removed " + reference);
            return 0;
        }
    }
}
