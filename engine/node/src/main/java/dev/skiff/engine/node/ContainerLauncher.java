package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.node.cgroups.ContainerCgroup;
import dev.skiff.engine.node.env.ContainerConfigException;
import dev.skiff.engine.node.env.ContainerEnvironment;
import dev.skiff.engine.node.env.NodeAllocatable;
import dev.skiff.engine.node.env.ObjectLookup;
import dev.skiff.engine.node.env.VariableExpansion;
import dev.skiff.engine.node.images.Image;
import dev.skiff.engine.node.images.ImageStore;
import dev.skiff.engine.node.volumes.Mount;
import dev.skiff.engine.node.volumes.MountNamespace;
import dev.skiff.engine.node.volumes.PodVolumes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a container of a pod into a command line, environment and working directory, and starts it as a
 * process: the image's entrypoint (or the container's {@code command}) with its {@code args}, inside the
 * container's cgroup and, where the engine may, its own mount namespace with the pod's volumes.
 */
final class ContainerLauncher {
    private final ImageStore images;
    private final Path java;
    private final ObjectLookup lookup;
    private final NodeAllocatable allocatable;
    private final java.util.function.Supplier<List<JsonNode>> services;
    private final java.util.concurrent.atomic.AtomicReference<java.net.InetSocketAddress> clusterDns =
            new java.util.concurrent.atomic.AtomicReference<>();

    ContainerLauncher(ImageStore images, Path java, ObjectLookup lookup, NodeAllocatable allocatable,
                      java.util.function.Supplier<List<JsonNode>> services) {
        this.images = images;
        this.java = java;
        this.lookup = lookup;
        this.allocatable = allocatable;
        this.services = services;
    }

    /** Why a container could not start, with the waiting reason the kubelet would show. */
    static final class LaunchException extends Exception {
        final String reason;

        LaunchException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** Everything needed to start (or exec inside) one container. */
    record Launch(List<String> command, Map<String, String> env, Path workingDir, String imageId, List<Mount> mounts) {
    }

    Launch prepare(ObjectNode pod, JsonNode container, PodVolumes volumes, Path podDir) throws LaunchException {
        String imageRef = container.path("image").asText("");
        Optional<Image> image = imageRef.isEmpty() ? Optional.empty() : images.find(imageRef);
        List<String> command = strings(container.path("command"));
        List<String> args = strings(container.path("args"));
        if (image.isEmpty() && command.isEmpty()) {
            throw new LaunchException("ErrImagePull", "image \"" + imageRef + "\" is not in Skiff's image store: add it "
                    + "with `skiff image add " + imageRef + " PATH` (a jar, a directory with an '"
                    + Image.DIRECTORY_ENTRYPOINT + "' file, or an executable), or give the container a command to "
                    + "run on the host");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", Optional.ofNullable(System.getenv("HOME")).orElse("/root"));
        env.put("HOSTNAME", pod.path("metadata").path("name").asText());
        env.put("POD_IP", pod.path("status").path("podIP").asText());
        try {
            Map<String, String> links = ServiceLinks.of(pod.path("metadata").path("namespace").asText(),
                    pod.path("spec").path("enableServiceLinks").asBoolean(true), services.get());
            env.putAll(ContainerEnvironment.build(pod, container, lookup, links, allocatable).env());
        } catch (ContainerConfigException e) {
            throw new LaunchException("CreateContainerConfigError", e.getMessage());
        }
        List<String> line = new ArrayList<>();
        if (command.isEmpty()) {
            line.addAll(image.orElseThrow().entrypoint(java));
        } else {
            command.forEach(c -> line.add(VariableExpansion.expand(c, env)));
        }
        args.forEach(a -> line.add(VariableExpansion.expand(a, env)));
        Path workingDir = container.hasNonNull("workingDir") ? Path.of(container.path("workingDir").asText())
                : image.map(Image::workingDir).orElse(podDir);
        List<Mount> mounts = new ArrayList<>(volumes.mountsFor(container));
        resolverSettings(pod, podDir).ifPresent(mounts::add);
        if (!Files.isDirectory(workingDir) && !MountNamespace.supported()) {
            throw new LaunchException("CreateContainerError", "the working directory " + workingDir
                    + " does not exist on this machine");
        }
        return new Launch(List.copyOf(line), env, workingDir, image.map(Image::imageId).orElse(""), mounts);
    }

    /** Where cluster DNS answers; containers of ClusterFirst pods are pointed at it. */
    void useClusterDns(java.net.InetSocketAddress address) {
        clusterDns.set(address);
    }

    /**
     * The resolver settings a ClusterFirst pod gets, as the kubelet writes them: cluster DNS as name server, the
     * namespace's search domains, ndots:5. They need the pod's own /etc/resolv.conf (a private mount namespace)
     * and DNS on port 53, the only port resolv.conf can name.
     */
    private Optional<Mount> resolverSettings(ObjectNode pod, Path podDir) throws LaunchException {
        java.net.InetSocketAddress dns = clusterDns.get();
        String policy = pod.path("spec").path("dnsPolicy").asText("ClusterFirst");
        if (dns == null || dns.getPort() != 53 || !MountNamespace.supported()
                || !(policy.equals("ClusterFirst") || policy.equals("ClusterFirstWithHostNet"))) {
            return Optional.empty();
        }
        String namespace = pod.path("metadata").path("namespace").asText();
        String text = "nameserver " + dns.getAddress().getHostAddress() + "\n"
                + "search " + namespace + ".svc.cluster.local svc.cluster.local cluster.local\n"
                + "options ndots:5\n";
        Path file = podDir.resolve("resolv.conf");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new LaunchException("CreateContainerError", "cannot write the pod's resolv.conf: " + e.getMessage());
        }
        return Optional.of(new Mount(file, "/etc/resolv.conf", true));
    }

    /** Starts the container's process with its output on a pipe, in its cgroup and mount namespace. */
    Process start(Launch launch, ContainerCgroup cgroup, boolean keepStdin) throws LaunchException {
        List<String> line = MountNamespace.wrap(launch.mounts(), launch.command(), launch.workingDir());
        if (cgroup != null) {
            line = cgroup.wrap(line);
        }
        ProcessBuilder builder = new ProcessBuilder(line);
        if (Files.isDirectory(launch.workingDir())) {
            builder.directory(launch.workingDir().toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        // one pipe per container: its log interleaves stderr with stdout, as kubectl logs shows them anyway
        builder.redirectErrorStream(true);
        if (!keepStdin) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException("RunContainerError", "failed to start container process: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
