package dev.skiff.engine.node.logs;

import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.node.LogSink;
import dev.skiff.engine.api.status.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The container logs of one pod, kept as the kubelet keeps them under {@code /var/log/pods}: one directory per
 * container and one CRI log file per container instance, {@code <podLogDir>/<container>/<restartCount>.log},
 * rotated to {@code <restartCount>.log.1} (newest) ... {@code .log.<maxFiles-1>} (oldest) when it reaches
 * {@code maxFileBytes}. Only the current instance and the one before it are kept, which is what
 * {@code kubectl logs} and {@code kubectl logs --previous} show.
 *
 * <p>Thread-safe. One object per pod: the followers of an instance are woken by its writer, which only works
 * when both come from the same {@code ContainerLogs}.
 */
public final class ContainerLogs {
    /** The kubelet's default {@code containerLogMaxSize}: 10Mi. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** The kubelet's default {@code containerLogMaxFiles}, the current file included. */
    public static final int DEFAULT_MAX_FILES = 5;

    private static final Pattern LOG_FILE = Pattern.compile("(\\d+)\\.log(\\.\\d+)?");

    private record Instance(String container, int restartCount) {
    }

    private final Path podLogDir;
    private final long maxFileBytes;
    private final int maxFiles;
    private final InstantSource clock;
    private final Map<Instance, InstanceLog> instances = new ConcurrentHashMap<>();

    public ContainerLogs(Path podLogDir) {
        this(podLogDir, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES);
    }

    public ContainerLogs(Path podLogDir, long maxFileBytes, int maxFiles) {
        this(podLogDir, maxFileBytes, maxFiles, InstantSource.system());
    }

    /** With the clock that stamps each line, for tests. */
    public ContainerLogs(Path podLogDir, long maxFileBytes, int maxFiles, InstantSource clock) {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, not " + maxFileBytes);
        }
        if (maxFiles < 2) {
            // As the kubelet's containerLogMaxFiles: the current file and at least one rotated one.
            throw new IllegalArgumentException("maxFiles must be greater than 1, not " + maxFiles);
        }
        this.podLogDir = podLogDir;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.clock = clock;
    }

    public Path directory() {
        return podLogDir;
    }

    /** The current log file of a container instance (rotated files sit beside it, suffixed .1, .2, ...). */
    public Path file(String container, int restartCount) {
        return containerDir(container).resolve(restartCount + ".log");
    }

    /**
     * The writer of a container instance, creating its log file (so that an instance that printed nothing shows
     * an empty log, not an error). Deletes the instances older than the previous one. While the writer is open,
     * opening the same instance again returns it.
     */
    public synchronized LogWriter open(String container, int restartCount) throws IOException {
        if (restartCount < 0) {
            throw new IllegalArgumentException("restartCount must not be negative, not " + restartCount);
        }
        prune(container, restartCount - 1);
        InstanceLog instance = instances.computeIfAbsent(new Instance(container, restartCount),
                key -> new InstanceLog(containerDir(container), restartCount, maxFiles));
        instance.lock().lock();
        try {
            LogWriter writer = instance.writer();
            if (writer == null) {
                writer = new LogWriter(instance, maxFileBytes, clock);
                instance.writer(writer);
            }
            return writer;
        } finally {
            instance.lock().unlock();
        }
    }

    /**
     * Writes the log of instance {@code restartCount} of {@code container} (or of the instance before it, with
     * {@code options.previous()}) to {@code sink}, as the kubelet answers {@code pods/log}: {@code sinceTime},
     * {@code tailLines} (over all rotated files), {@code timestamps}, {@code limitBytes} and {@code follow}.
     * A follower reads on until {@code stillRunning} is false, the instance's writer is closed and every line is
     * read, or until the sink reports the client gone. The previous instance has stopped, so following it ends at
     * its last line.
     *
     * @param podName used in error messages only
     * @param stillRunning whether the instance {@code restartCount} still runs; asked about every 100 ms
     * @throws dev.skiff.engine.api.status.ApiException 400 when the instance has no log, in the kubelet's words
     */
    public void stream(String podName, String container, int restartCount, LogOptions options, LogSink sink,
                       BooleanSupplier stillRunning) throws IOException {
        int wanted = options.previous() ? restartCount - 1 : restartCount;
        try {
            if (wanted < 0) {
                throw new NoSuchFileException(file(container, wanted).toString());
            }
            InstanceLog instance = reading(container, wanted);
            new LogStream(instance, options, sink, options.previous() ? () -> false : stillRunning).run();
        } catch (NoSuchFileException e) {
            if (options.previous()) {
                throw Errors.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
                        + "\" not found");
            }
            throw Errors.badRequest("container \"" + container + "\" in pod \"" + podName
                    + "\" is waiting to start: ContainerCreating");
        }
    }

    /** Removes every log of the pod (the pod is gone); open writers are closed and write nothing more. */
    public synchronized void delete() throws IOException {
        for (InstanceLog instance : instances.values()) {
            closeWriter(instance);
        }
        instances.clear();
        deleteTree(podLogDir);
    }

    private Path containerDir(String container) {
        if (container.isEmpty() || container.contains("/") || container.startsWith(".")) {
            throw new IllegalArgumentException("not a container name: \"" + container + "\"");
        }
        return podLogDir.resolve(container);
    }

    /** The shared state of an instance to read, made on demand for instances written by an earlier agent. */
    private InstanceLog reading(String container, int restartCount) throws NoSuchFileException {
        Path current = file(container, restartCount);
        if (!Files.exists(current)) {
            throw new NoSuchFileException(current.toString());
        }
        return instances.computeIfAbsent(new Instance(container, restartCount),
                key -> new InstanceLog(containerDir(container), restartCount, maxFiles));
    }

    /** Deletes the files of the instances of {@code container} older than {@code keepFrom}. */
    private void prune(String container, int keepFrom) throws IOException {
        for (Instance key : List.copyOf(instances.keySet())) {
            if (key.container().equals(container) && key.restartCount() < keepFrom) {
                closeWriter(instances.remove(key));
            }
        }
        Path dir = containerDir(container);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher m = LOG_FILE.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) < keepFrom) {
                    old.add(file);
                }
            }
        }
        for (Path file : old) {
            Files.deleteIfExists(file);
        }
    }

    private static void closeWriter(InstanceLog instance) {
        LogWriter writer = instance == null ? null : instance.writer();
        if (writer != null) {
            writer.close();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
