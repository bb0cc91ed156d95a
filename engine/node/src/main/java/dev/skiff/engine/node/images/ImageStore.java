package dev.skiff.engine.node.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The local image store: a file {@code images.json} in the engine's data directory that maps image references to
 * jars, directories and executables on this machine. {@code skiff image add/ls/rm} change it while the engine
 * runs; the node agent reads it each time it starts a container, so a newly added image is used at the next
 * pull retry. Writes replace the file atomically.
 */
public final class ImageStore {
    public static final String FILE_NAME = "images.json";

    private final Path file;

    public ImageStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** Registers (or replaces) {@code reference} as the file or directory at {@code path}. */
    public synchronized Image add(String reference, Path path) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Image.Kind kind = kindOf(target);
        Path hashed = kind == Image.Kind.DIRECTORY ? target.resolve(Image.DIRECTORY_ENTRYPOINT) : target;
        Image image = new Image(ImageReference.normalize(reference), kind, target, "sha256:" + sha256(hashed));
        List<Image> images = new ArrayList<>(list());
        images.removeIf(i -> i.reference().equals(image.reference()));
        images.add(image);
        write(images);
        return image;
    }

    /** Removes the reference; false when it was not there. */
    public synchronized boolean remove(String reference) throws IOException {
        String ref = ImageReference.normalize(reference);
        List<Image> images = new ArrayList<>(list());
        boolean removed = images.removeIf(i -> i.reference().equals(ref));
        if (removed) {
            write(images);
        }
        return removed;
    }

    public Optional<Image> find(String reference) {
        String ref = ImageReference.normalize(reference);
        return list().stream().filter(i -> i.reference().equals(ref)).findFirst();
    }

    public List<Image> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = Json.LENIENT.readTree(Files.readAllBytes(file));
            List<Image> images = new ArrayList<>();
            for (JsonNode i : root.path("images")) {
                images.add(new Image(i.path("reference").asText(), Image.Kind.valueOf(i.path("kind").asText()),
                        Path.of(i.path("path").asText()), i.path("digest").asText()));
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image store " + file, e);
        }
    }

    private static Image.Kind kindOf(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path entrypoint = path.resolve(Image.DIRECTORY_ENTRYPOINT);
            if (!Files.isRegularFile(entrypoint) || !Files.isExecutable(entrypoint)) {
                throw new IOException("the directory " + path + " has no executable file named '"
                        + Image.DIRECTORY_ENTRYPOINT + "' to run");
            }
            return Image.Kind.DIRECTORY;
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " does not exist: give a jar, a directory with an '"
                    + Image.DIRECTORY_ENTRYPOINT + "' file, or an executable");
        }
        if (path.getFileName().toString().endsWith(".jar")) {
            return Image.Kind.JAR;
        }
        if (!Files.isExecutable(path)) {
            throw new IOException(path + " is neither a jar nor executable");
        }
        return Image.Kind.EXECUTABLE;
    }

    private void write(List<Image> images) throws IOException {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("images");
        for (Image i : images) {
            ObjectNode o = list.addObject();
            o.put("reference", i.reference());
            o.put("kind", i.kind().name());
            o.put("path", i.path().toString());
            o.put("digest", i.digest());
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(tmp, Json.LENIENT.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
