package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * This machine's cgroup facility, which gives pods run as local processes real CPU and memory limits.
 *
 * <p>The engine owns one cgroup, the root (for example {@code skiff}, like the kubelet's {@code kubepods}),
 * directly under the mount point of each hierarchy it uses; every pod gets {@code <root>/pod<uid>} and every
 * container {@code <root>/pod<uid>/<name>}, the same path in each hierarchy. When the machine has no usable
 * cgroups (none mounted, read-only as in most unprivileged containers, or without the cpu and memory
 * controllers) {@link #available()} is false and {@link #unavailableReason()} says why; pods then run without
 * limits.
 */
public final class Cgroups {

    /** Where Linux mounts cgroups. */
    public static final Path MOUNT_POINT = Path.of("/sys/fs/cgroup");

    /** The prefix the kubelet gives pod cgroups; what follows it is the pod's UID. */
    static final String POD_PREFIX = "pod";
    /** The prefix of the cgroup {@link #detect} creates and removes to see whether it can. */
    private static final String PROBE_PREFIX = "probe-";

    // Path segments only: a name must not lead out of the engine's cgroup.
    private static final Pattern ROOT_NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    private final CgroupFs fs;
    private final String root;
    private final String unavailableReason;

    private Cgroups(CgroupFs fs, String root, String unavailableReason) {
        this.fs = fs;
        this.root = root;
        this.unavailableReason = unavailableReason;
    }

    /** Finds the cgroups mounted at {@code /sys/fs/cgroup} and sets up the engine's root cgroup there. */
    public static Cgroups detect(String rootName) {
        return detect(MOUNT_POINT, rootName);
    }

    /**
     * Finds cgroup v2 (a unified hierarchy with {@code cgroup.controllers}) or v1 (separate cpu, cpuacct and
     * memory hierarchies) at {@code mountRoot}, checks that a cgroup can be created and removed under
     * {@code rootName}, and creates that root cgroup.
     */
    public static Cgroups detect(Path mountRoot, String rootName) {
        if (rootName.contains("..") || !ROOT_NAME.matcher(rootName).matches()) {
            throw new IllegalArgumentException("invalid cgroup root name " + rootName
                    + ": must be path segments of letters, digits, '.', '_' or '-'");
        }
        try {
            CgroupFs fs = open(mountRoot);
            probe(fs, rootName);
            return new Cgroups(fs, rootName, null);
        } catch (CgroupsUnavailable unavailable) {
            return new Cgroups(null, rootName, unavailable.getMessage());
        }
    }

    private static CgroupFs open(Path mountRoot) throws CgroupsUnavailable {
        if (!Files.isDirectory(mountRoot)) {
            throw new CgroupsUnavailable("no cgroup file system is mounted at " + mountRoot);
        }
        try {
            if (Files.exists(mountRoot.resolve("cgroup.controllers"))) {
                return CgroupFsV2.find(mountRoot);
            }
            return CgroupFsV1.find(mountRoot);
        } catch (IOException unreadable) {
            throw new CgroupsUnavailable("cannot read the cgroups at " + mountRoot + ": " + ControlFiles.reason(unreadable));
        }
    }

    /** Creates and removes a cgroup in every hierarchy, then sets up the root for pods. */
    private static void probe(CgroupFs fs, String root) throws CgroupsUnavailable {
        String probe = root + "/" + PROBE_PREFIX + ProcessHandle.current().pid();
        for (Path hierarchy : fs.hierarchies()) {
            Path directory = hierarchy.resolve(probe);
            try {
                Files.createDirectories(directory);
                Files.delete(directory);
            } catch (IOException refused) {
                String reason = ControlFiles.reason(refused);
                if (reason.equals("Read-only file system")) {
                    throw new CgroupsUnavailable("cgroups are not writable: " + hierarchy + " is read-only");
                }
                throw new CgroupsUnavailable("cgroups are not writable: cannot create " + directory + ": " + reason);
            }
        }
        try {
            fs.create(root);
        } catch (IOException refused) {
            throw new CgroupsUnavailable("cannot set up the cgroup " + root + ": " + refused.getMessage());
        }
    }

    /** Whether pods get cgroups; when not, {@link #unavailableReason()} says why. */
    public boolean available() {
        return fs != null;
    }

    /** Why pods get no limits, as a sentence for the user; null when {@link #available()}. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** {@code "v1"}, {@code "v2"}, or {@code "none"} when not {@link #available()}. */
    public String version() {
        return fs == null ? "none" : fs.version();
    }

    /** The engine's root cgroup, relative to the hierarchies' mount points (as {@code /proc/PID/cgroup} shows it). */
    public String path() {
        return root;
    }

    /**
     * The cgroup of a pod, {@code <root>/pod<uid>}, created when missing and given the pod's limits (see
     * {@link Limits#ofPod}); calling it again for a running pod only rewrites the limits.
     *
     * @throws IllegalStateException when cgroups are not {@link #available()}
     * @throws UncheckedIOException  when the kernel refuses the cgroup or a limit
     */
    public PodCgroup pod(String podUid, Limits podLimits) {
        requireAvailable();
        if (!SEGMENT.matcher(podUid).matches()) {
            throw new IllegalArgumentException("invalid pod UID for a cgroup name: " + podUid);
        }
        String cgroup = root + "/" + POD_PREFIX + podUid;
        try {
            fs.create(cgroup);
            fs.apply(cgroup, podLimits);
        } catch (IOException refused) {
            throw new UncheckedIOException("cannot set up the cgroup of pod " + podUid + ": " + refused.getMessage(),
                    refused);
        }
        return new PodCgroup(fs, cgroup);
    }

    /**
     * Removes the cgroups of pods that no longer run here, as the kubelet does after a restart: what is still
     * running in them gets SIGKILL, then their directories go. Does nothing when cgroups are not
     * {@link #available()}.
     *
     * @param livePodUids the UIDs of the pods whose cgroups must stay
     */
    public void removeStale(Set<String> livePodUids) {
        if (fs == null) {
            return;
        }
        try {
            for (String name : fs.children(root)) {
                boolean stalePod = name.startsWith(POD_PREFIX)
                        && !livePodUids.contains(name.substring(POD_PREFIX.length()));
                if (stalePod || name.startsWith(PROBE_PREFIX)) {
                    fs.remove(root + "/" + name);
                }
            }
        } catch (IOException refused) {
            throw new UncheckedIOException("cannot remove stale pod cgroups: " + refused.getMessage(), refused);
        }
    }

    /** What all pods together use: the root cgroup's CPU time and working set. */
    public Usage usage() {
        requireAvailable();
        try {
            return fs.usage(root);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the usage of cgroup " + root + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** Kills everything in every pod cgroup and removes them and the root (uninstalling, tests). */
    public void remove() {
        if (fs == null) {
            return;
        }
        try {
            fs.remove(root);
        } catch (IOException refused) {
            throw new UncheckedIOException("cannot remove cgroup " + root + ": " + refused.getMessage(), refused);
        }
    }

    private void requireAvailable() {
        if (fs == null) {
            throw new IllegalStateException(unavailableReason);
        }
    }
}
