package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the small text files through which the kernel exposes a cgroup. */
final class ControlFiles {

    private ControlFiles() {
    }

    /** Writes a value to an existing control file; the kernel's refusal comes back with the file and value. */
    static void write(Path file, String value) throws IOException {
        try {
            // No CREATE: a missing control file means the controller is not there, which must not pass silently.
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
        } catch (FileSystemException refused) {
            throw new IOException("cannot write " + value + " to " + file + ": " + reason(refused), refused);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    static long readLong(Path file) throws IOException {
        String text = read(file);
        return text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text);
    }

    /** A flat keyed file ({@code memory.stat}, {@code memory.events}, {@code cpu.stat}): one "key value" a line. */
    static Map<String, Long> readKeyed(Path file) throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2) {
                try {
                    values.put(fields[0], Long.parseLong(fields[1]));
                } catch (NumberFormatException notCounter) {
                    // Lines that are not counters (none today) are not what callers ask for.
                }
            }
        }
        return values;
    }

    /** The processes in a cgroup directory and all its descendants; empty when the directory is gone. */
    static List<Long> processes(Path directory) throws IOException {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(directory.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.strip()));
                }
            }
            for (Path child : children(directory)) {
                pids.addAll(processes(child));
            }
        } catch (NoSuchFileException gone) {
            // Removed meanwhile: nothing runs there.
        }
        return pids;
    }

    /** The child cgroups of a directory; empty when the directory does not exist. */
    static List<Path> children(Path directory) throws IOException {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException gone) {
            // Removed meanwhile.
        }
        return children;
    }

    /** The kernel's reason for a refusal ("Read-only file system", "Permission denied"). */
    static String reason(IOException failure) {
        if (failure instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return failure.getMessage();
    }
}
