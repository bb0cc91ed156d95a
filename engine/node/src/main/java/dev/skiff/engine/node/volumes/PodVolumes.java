package dev.skiff.engine.node.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.node.env.ContainerConfigException;
import dev.skiff.engine.node.env.NodeAllocatable;
import dev.skiff.engine.node.env.ObjectLookup;
import dev.skiff.engine.node.env.VariableExpansion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pod's volumes on this machine, under {@code <podDir>/volumes/<volumeName>}: an emptyDir is a directory;
 * configMap, secret, downwardAPI and projected volumes hold one file per key or item, written atomically
 * (see {@link #refresh}); a hostPath volume is the host's path itself, created when its {@code type} says so.
 * Other volume types get an empty directory and a line in {@link #notes()}.
 *
 * <p>Like the kubelet, configMap, secret, downwardAPI and projected volumes are always mounted read-only.
 */
public final class PodVolumes {

    private enum Kind {
        EMPTY_DIR(false), HOST_PATH(false), CONFIG_MAP(true), SECRET(true), DOWNWARD_API(true), PROJECTED(true),
        UNSUPPORTED(false);

        final boolean projected;

        Kind(boolean projected) {
            this.projected = projected;
        }
    }

    private record Volume(Kind kind, Path path, JsonNode spec) {
    }

    private static final int EMPTY_DIR_MODE = 0777;
    private static final int VOLUME_DIR_MODE = 0755;

    private final Path volumesDir;
    private final Projections projections;
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, AtomicWriter> writers = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private ObjectNode pod;

    /** Volumes under {@code podDir}, reading objects through {@code lookup}, with this machine's resources. */
    public PodVolumes(Path podDir, ObjectLookup lookup) {
        this(podDir, lookup, NodeAllocatable.ofThisMachine(), null);
    }

    /**
     * Volumes under {@code podDir}.
     *
     * @param allocatable what a downward API limit reads as when the container sets none
     * @param tokens      issues projected service account tokens; null leaves them out (see {@link #notes()})
     */
    public PodVolumes(Path podDir, ObjectLookup lookup, NodeAllocatable allocatable,
            ServiceAccountTokenSource tokens) {
        this.volumesDir = podDir.resolve("volumes");
        this.projections = new Projections(lookup, allocatable, tokens, Clock.systemUTC());
    }

    /** The ConfigMaps the pod reads through its volumes or its containers' environment. */
    public static Set<String> referencedConfigMaps(ObjectNode pod) {
        return ReferencedObjects.configMaps(pod);
    }

    /** The Secrets the pod reads through its volumes or its containers' environment. */
    public static Set<String> referencedSecrets(ObjectNode pod) {
        return ReferencedObjects.secrets(pod);
    }

    /**
     * Creates every volume of {@code spec.volumes}; calling it again keeps emptyDir contents and rewrites the
     * others only where they changed.
     *
     * @throws MountVolumeException when a volume cannot be set up: a required ConfigMap, Secret or key is missing
     *                              or a hostPath fails its type check, in the kubelet's words
     */
    public synchronized void setUp(ObjectNode pod) {
        this.pod = pod;
        try {
            Files.createDirectories(volumesDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode spec : pod.path("spec").path("volumes")) {
            String name = spec.path("name").asText("");
            Volume volume = declare(name, spec);
            volumes.put(name, volume);
            switch (volume.kind()) {
                case HOST_PATH -> {
                    String problem = HostPathType.check(volume.path(), spec.path("hostPath").path("type").asText(""));
                    if (problem != null) {
                        throw new MountVolumeException(name, problem);
                    }
                }
                case EMPTY_DIR -> directory(volume.path(), EMPTY_DIR_MODE);
                case UNSUPPORTED -> {
                    directory(volume.path(), EMPTY_DIR_MODE);
                    note("volume \"" + name + "\": type " + typeOf(spec)
                            + " is not supported on this node; an empty directory stands in");
                }
                default -> {
                    try {
                        write(name, volume);
                    } catch (ContainerConfigException | IllegalArgumentException e) {
                        throw new MountVolumeException(name, e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * Rewrites the configMap, secret, downwardAPI and projected volumes whose content differs from what
     * {@code pod} and the current objects give; a reader through a visible name sees the old or the new file,
     * never a mix. A volume whose required object or key has gone keeps its content, as with the kubelet.
     *
     * @return whether any volume changed
     */
    public synchronized boolean refresh(ObjectNode pod) {
        if (this.pod == null) {
            throw new IllegalStateException("refresh before setUp");
        }
        this.pod = pod;
        boolean changed = false;
        for (Map.Entry<String, Volume> entry : volumes.entrySet()) {
            if (entry.getValue().kind().projected) {
                try {
                    changed |= write(entry.getKey(), entry.getValue());
                } catch (ContainerConfigException | IllegalArgumentException e) {
                    // The kubelet keeps the last good content and retries on its next sync.
                }
            }
        }
        return changed;
    }

    /** Where volume {@code volumeName}'s content is on this machine. */
    public synchronized Path hostPath(String volumeName) {
        Volume volume = volumes.get(volumeName);
        if (volume == null) {
            throw new IllegalArgumentException("no volume " + volumeName + " was set up");
        }
        return volume.path();
    }

    /** {@link #mountsFor(JsonNode, Map)} for a container without {@code subPathExpr}. */
    public List<Mount> mountsFor(JsonNode container) {
        return mountsFor(container, Map.of());
    }

    /**
     * The container's {@code volumeMounts}, resolved: a {@code subPath} (or {@code subPathExpr}, expanded
     * against {@code env}) names a path inside the volume, created as a directory when missing.
     *
     * @throws ContainerConfigException for an unknown volume or a bad sub-path, in the kubelet's words
     */
    public synchronized List<Mount> mountsFor(JsonNode container, Map<String, String> env) {
        String containerName = container.path("name").asText("");
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volumeMount : container.path("volumeMounts")) {
            String name = volumeMount.path("name").asText("");
            Volume volume = volumes.get(name);
            if (volume == null) {
                throw new ContainerConfigException("cannot find volume \"" + name + "\" to mount into container \""
                        + containerName + "\"");
            }
            String subPath = subPath(volumeMount, env);
            Path hostPath = subPath.isEmpty() ? volume.path() : subPathOf(volume.path(), subPath, name, containerName);
            boolean readOnly = volumeMount.path("readOnly").asBoolean(false) || volume.kind().projected;
            mounts.add(new Mount(hostPath, volumeMount.path("mountPath").asText(""), readOnly));
        }
        return mounts;
    }

    /** What was left out, one line each (unsupported volume types, service account tokens without a source). */
    public synchronized List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        all.addAll(projections.notes());
        return all;
    }

    /** Deletes {@code <podDir>/volumes} and everything in it, without following links; hostPaths stay. */
    public synchronized void tearDown() {
        try {
            AtomicWriter.deleteTree(volumesDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        volumes.clear();
        writers.clear();
    }

    private Volume declare(String name, JsonNode spec) {
        if (spec.has("hostPath")) {
            return new Volume(Kind.HOST_PATH, Path.of(spec.path("hostPath").path("path").asText("")), spec);
        }
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new MountVolumeException(name, "invalid volume name " + name);
        }
        Path dir = volumesDir.resolve(name);
        Kind kind = spec.has("emptyDir") ? Kind.EMPTY_DIR
                : spec.has("configMap") ? Kind.CONFIG_MAP
                : spec.has("secret") ? Kind.SECRET
                : spec.has("downwardAPI") ? Kind.DOWNWARD_API
                : spec.has("projected") ? Kind.PROJECTED
                : Kind.UNSUPPORTED;
        return new Volume(kind, dir, spec);
    }

    private boolean write(String name, Volume volume) {
        Map<String, FileProjection> payload = projections.payload(pod, volume.spec()).orElseThrow();
        directory(volume.path(), VOLUME_DIR_MODE);
        return writers.computeIfAbsent(name, n -> new AtomicWriter(volume.path())).write(payload);
    }

    private static String subPath(JsonNode volumeMount, Map<String, String> env) {
        String expression = volumeMount.path("subPathExpr").asText("");
        if (expression.isEmpty()) {
            return volumeMount.path("subPath").asText("");
        }
        Set<String> missing = new TreeSet<>();
        String expanded = VariableExpansion.expand(expression, key -> {
            String value = env.get(key);
            if (value == null || value.isEmpty()) {
                missing.add(key);
                return "";
            }
            return value;
        });
        if (!missing.isEmpty()) {
            throw new ContainerConfigException("missing value for " + String.join(", ", missing));
        }
        return expanded;
    }

    private static Path subPathOf(Path volumePath, String subPath, String volumeName, String containerName) {
        if (subPath.startsWith("/")) {
            throw new ContainerConfigException("error SubPath `" + subPath + "` must not be an absolute path");
        }
        for (String part : subPath.split("/")) {
            if (part.equals("..")) {
                throw new ContainerConfigException(
                        "unable to provision SubPath `" + subPath + "`: must not contain '..'");
            }
        }
        Path target = volumePath.resolve(subPath);
        String where = " for volumeMount \"" + volumeName + "\" of container \"" + containerName + "\"";
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target);
            }
            // A link inside the volume must not lead out of it.
            if (!target.toRealPath().startsWith(volumePath.toRealPath())) {
                throw new ContainerConfigException("failed to prepare subPath" + where);
            }
        } catch (IOException e) {
            throw new ContainerConfigException("failed to create subPath directory" + where);
        }
        return target;
    }

    private static void directory(Path dir, int mode) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, AtomicWriter.permissions(mode));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void note(String line) {
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }

    private static String typeOf(JsonNode spec) {
        for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("name")) {
                return field;
            }
        }
        return "(none)";
    }
}
