package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes a pod's containers run, written next to the pod's files ({@code state.json}) so that an engine
 * that was killed can find and stop them when it starts again: a process is only ours when both its pid and its
 * start time match, so a reused pid is never killed.
 */
final class PodStateFile {
    static final String NAME = "state.json";

    private PodStateFile() {
    }

    static synchronized void record(Path podDir, String container, ProcessHandle process) {
        ObjectNode state = read(podDir);
        ObjectNode entry = state.putObject(container);
        entry.put("pid", process.pid());
        process.info().startInstant().ifPresent(i -> entry.put("started", i.toString()));
        write(podDir, state);
    }

    static synchronized void forget(Path podDir, String container) {
        ObjectNode state = read(podDir);
        if (state.remove(container) != null) {
            write(podDir, state);
        }
    }

    static synchronized void delete(Path podDir) throws IOException {
        Files.deleteIfExists(podDir.resolve(NAME));
    }

    /** Every process recorded under {@code podsDir} that is still the same process. */
    static List<ProcessHandle> survivors(Path podsDir) {
        List<ProcessHandle> alive = new ArrayList<>();
        if (!Files.isDirectory(podsDir)) {
            return alive;
        }
        try (Stream<Path> dirs = Files.list(podsDir)) {
            for (Path dir : dirs.toList()) {
                for (JsonNode entry : read(dir)) {
                    Optional<ProcessHandle> p = ProcessHandle.of(entry.path("pid").asLong());
                    if (p.isPresent() && sameStart(p.get(), entry.path("started").asText(null))) {
                        alive.add(p.get());
                    }
                }
            }
        } catch (IOException e) {
            // nothing to adopt
        }
        return alive;
    }

    private static boolean sameStart(ProcessHandle p, String started) {
        if (started == null) {
            return false;
        }
        Optional<Instant> actual = p.info().startInstant();
        return actual.isPresent() && Math.abs(actual.get().toEpochMilli() - Instant.parse(started).toEpochMilli()) < 1000;
    }

    private static ObjectNode read(Path podDir) {
        Path file = podDir.resolve(NAME);
        try {
            if (Files.exists(file)) {
                JsonNode node = Json.LENIENT.readTree(Files.readAllBytes(file));
                if (node instanceof ObjectNode o) {
                    return o;
                }
            }
        } catch (IOException e) {
            // a torn file: treat as empty, the cgroup sweep still finds the processes
        }
        return Json.object();
    }

    private static void write(Path podDir, ObjectNode state) {
        try {
            Files.createDirectories(podDir);
            Path tmp = podDir.resolve(NAME + ".tmp");
            Files.write(tmp, Json.bytes(state));
            Files.move(tmp, podDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot record the pod's processes in " + podDir, e);
        }
    }
}
