package dev.skiff.engine.node.volumes;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The kubelet's check of a hostPath volume's {@code type}: {@code DirectoryOrCreate} and {@code FileOrCreate}
 * create what is missing (a directory with its parents, mode 0755; an empty file, mode 0644, whose parent must
 * exist), the others only check what is there; an empty type checks nothing.
 */
final class HostPathType {

    private static final int TYPE_BITS = 0170000;
    private static final int SOCKET = 0140000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private HostPathType() {
    }

    /**
     * Checks {@code path} against {@code type}, creating it where the type says so.
     *
     * @return the problem in the kubelet's words, or null when the path is fine
     */
    static String check(Path path, String type) {
        try {
            return switch (type) {
                case "" -> null;
                case "DirectoryOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path);
                        Files.setPosixFilePermissions(path, AtomicWriter.permissions(0755));
                    }
                    yield directory(path);
                }
                case "Directory" -> directory(path);
                case "FileOrCreate" -> {
                    if (!Files.exists(path)) {
                        createFile(path);
                    }
                    yield file(path);
                }
                case "File" -> file(path);
                case "Socket" -> kind(path, SOCKET) ? null : failed(path, "is not a socket file");
                case "CharDevice" -> kind(path, CHAR_DEVICE) ? null : failed(path, "is not a character device");
                case "BlockDevice" -> kind(path, BLOCK_DEVICE) ? null : failed(path, "is not a block device");
                default -> type + " is an invalid volume type";
            };
        } catch (NoSuchFileException missing) {
            return "open " + path + ": no such file or directory";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void createFile(Path path) throws IOException {
        try {
            Files.createFile(path);
            Files.setPosixFilePermissions(path, AtomicWriter.permissions(0644));
        } catch (FileAlreadyExistsException raced) {
            // Someone created it first, which is what was wanted.
        }
    }

    private static String directory(Path path) {
        return Files.isDirectory(path) ? null : failed(path, "is not a directory");
    }

    private static String file(Path path) {
        return Files.isRegularFile(path) ? null : failed(path, "is not a file");
    }

    private static boolean kind(Path path, int bits) {
        try {
            return ((int) Files.getAttribute(path, "unix:mode") & TYPE_BITS) == bits;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String failed(Path path, String what) {
        return "hostPath type check failed: " + path + " " + what;
    }
}
