package dev.skiff.engine.node.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a set of files into a directory so that a reader sees either the whole old set or the whole new one,
 * as the kubelet's {@code AtomicWriter} does for configMap, secret, downwardAPI and projected volumes.
 *
 * <p>The files live in a timestamped directory {@code ..2026_11_23_18_02_00.123456789}; the symbolic link
 * {@code ..data} points at it, and each visible top-level name is a link {@code key -> ..data/key}. An update
 * writes a new timestamped directory, points a fresh link {@code ..data_tmp} at it and renames that over
 * {@code ..data} (one atomic {@code rename(2)}), then removes visible names that are gone and the version
 * before the previous one (the kubelet removes the previous one at once).
 */
final class AtomicWriter {

    static final String DATA_DIR = "..data";
    private static final String DATA_DIR_TMP = "..data_tmp";
    private static final int MAX_FILE_NAME_LENGTH = 255;
    private static final int MAX_PATH_LENGTH = 4096;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);

    private final Path targetDir;

    AtomicWriter(Path targetDir) {
        this.targetDir = targetDir;
    }

    /**
     * Makes the directory hold exactly {@code payload} (relative path to file).
     *
     * @return whether anything changed on disk
     * @throws IllegalArgumentException when a path is not a clean relative path, in the kubelet's words
     */
    boolean write(Map<String, FileProjection> payload) {
        Map<String, FileProjection> files = cleaned(payload);
        try {
            Files.createDirectories(targetDir);
            Path dataLink = targetDir.resolve(DATA_DIR);
            Path oldDir = Files.isSymbolicLink(dataLink)
                    ? targetDir.resolve(Files.readSymbolicLink(dataLink)) : null;
            Map<String, FileProjection> oldFiles = oldDir == null ? Map.of() : current(oldDir);
            Set<String> oldNames = topLevelNames(oldFiles.keySet());
            Set<String> newNames = topLevelNames(files.keySet());
            if (oldDir != null && oldFiles.equals(files)) {
                linkVisibleNames(newNames);
                return false;
            }
            Path newDir = createTimestampedDir();
            for (Map.Entry<String, FileProjection> file : files.entrySet()) {
                writeFile(newDir.resolve(file.getKey()), file.getValue());
            }
            Path tmpLink = targetDir.resolve(DATA_DIR_TMP);
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, newDir.getFileName());
            Files.move(tmpLink, dataLink, StandardCopyOption.ATOMIC_MOVE);
            linkVisibleNames(newNames);
            deleteOlderThan(oldDir, newDir);
            for (String gone : oldNames) {
                if (!newNames.contains(gone)) {
                    Files.deleteIfExists(targetDir.resolve(gone));
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("writing volume files under " + targetDir, e);
        }
    }

    /** The files the {@code ..data} link points at, by relative path; empty when nothing was written yet. */
    Map<String, FileProjection> current() {
        Path dataLink = targetDir.resolve(DATA_DIR);
        try {
            return Files.isSymbolicLink(dataLink)
                    ? current(targetDir.resolve(Files.readSymbolicLink(dataLink))) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, FileProjection> current(Path dir) throws IOException {
        Map<String, FileProjection> files = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(dir.relativize(file).toString(), new FileProjection(Files.readAllBytes(file),
                            mode(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))));
                }
            }
        }
        return files;
    }

    // Paths as the kubelet's validatePath accepts them, cleaned as filepath.Clean does.
    private static Map<String, FileProjection> cleaned(Map<String, FileProjection> payload) {
        Map<String, FileProjection> files = new TreeMap<>();
        payload.forEach((path, file) -> {
            validatePath(path);
            files.put(Path.of(path).normalize().toString(), new FileProjection(file.data(), file.mode() & 0777));
        });
        return files;
    }

    static void validatePath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("invalid path: must not be empty: \"\"");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("invalid path: must be relative path: " + path);
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException(
                    "invalid path: must be less than or equal to " + MAX_PATH_LENGTH + " characters");
        }
        String[] items = path.split("/", -1);
        for (String item : items) {
            if (item.equals("..")) {
                throw new IllegalArgumentException("invalid path: must not contain '..': " + path);
            }
            if (item.length() > MAX_FILE_NAME_LENGTH) {
                throw new IllegalArgumentException("invalid path: filenames must be less than or equal to "
                        + MAX_FILE_NAME_LENGTH + " characters");
            }
        }
        if (items[0].startsWith("..") && items[0].length() > 2) {
            throw new IllegalArgumentException("invalid path: must not start with '..': " + path);
        }
    }

    // The previous version stays until the next write: a reader that resolved ..data just before the swap
    // still finds its file, where the kubelet's immediate removal can make such a read fail.
    private void deleteOlderThan(Path previous, Path current) throws IOException {
        try (Stream<Path> entries = Files.list(targetDir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.startsWith("..") && !name.equals(DATA_DIR) && !name.equals(DATA_DIR_TMP)
                        && !entry.equals(previous) && !entry.equals(current)
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static Set<String> topLevelNames(Set<String> paths) {
        Set<String> names = new HashSet<>();
        for (String path : paths) {
            int slash = path.indexOf('/');
            names.add(slash < 0 ? path : path.substring(0, slash));
        }
        return names;
    }

    private void linkVisibleNames(Set<String> names) throws IOException {
        for (String name : names) {
            Path link = targetDir.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of(DATA_DIR, name));
            }
        }
    }

    private Path createTimestampedDir() throws IOException {
        Instant now = Instant.now();
        for (int attempt = 0; ; attempt++) {
            String name = TIMESTAMP.format(now) + String.format("%09d", (now.getNano() + attempt) % 1_000_000_000);
            try {
                Path dir = Files.createDirectory(targetDir.resolve(name));
                Files.setPosixFilePermissions(dir, permissions(0755));
                return dir;
            } catch (FileAlreadyExistsException taken) {
                // Two writes within one clock tick: try the next number.
            }
        }
    }

    private static void writeFile(Path file, FileProjection projection) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, permissions(0755));
        }
        Files.write(file, projection.data());
        Files.setPosixFilePermissions(file, permissions(projection.mode()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    /** Deletes a tree without following symbolic links out of it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
