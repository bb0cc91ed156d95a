package dev.skiff.engine.node.images;

import java.nio.file.Path;
import java.util.List;

/**
 * An image in the local store: what a reference runs. A jar runs with {@code java -jar} on the engine's JDK, a
 * directory runs its {@code entrypoint} file from inside the directory, an executable runs as it is.
 *
 * @param digest {@code sha256:...} of the jar or executable (of the entrypoint for a directory), taken when the
 *               image was added; shown as the container's imageID
 */
public record Image(String reference, Kind kind, Path path, String digest) {

    /** What sort of file the image is. */
    public enum Kind { JAR, DIRECTORY, EXECUTABLE }

    /** The file a directory image runs. */
    public static final String DIRECTORY_ENTRYPOINT = "entrypoint";

    /** The command the image runs when a container gives no {@code command}. */
    public List<String> entrypoint(Path javaExecutable) {
        return switch (kind) {
            case JAR -> List.of(javaExecutable.toString(), "-jar", path.toString());
            case DIRECTORY -> List.of(path.resolve(DIRECTORY_ENTRYPOINT).toString());
            case EXECUTABLE -> List.of(path.toString());
        };
    }

    /** Where the container starts when it gives no {@code workingDir}: inside a directory image, else null. */
    public Path workingDir() {
        return kind == Kind.DIRECTORY ? path : null;
    }

    /** The container's {@code imageID}, as a runtime reports it: the reference with its digest. */
    public String imageId() {
        return ImageReference.repository(reference) + "@" + digest;
    }
}
