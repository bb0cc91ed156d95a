package dev.skiff.engine.node.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The cgroup of one pod, {@code <root>/pod<uid>}: it carries the pod's limits, and each container gets a
 * child cgroup with its own.
 */
public final class PodCgroup {

    private final CgroupFs fs;
    private final String cgroup;

    PodCgroup(CgroupFs fs, String cgroup) {
        this.fs = fs;
        this.cgroup = cgroup;
    }

    /** The cgroup's path relative to the hierarchies' mount points, as {@code /proc/PID/cgroup} shows it. */
    public String path() {
        return cgroup;
    }

    /**
     * The cgroup of a container, {@code <pod>/<name>}, created when missing (again after the container was
     * removed for a restart) and given the container's limits.
     *
     * @throws UncheckedIOException when the kernel refuses the cgroup or a limit, for example a CPU limit above
     *                              the pod's on cgroup v1
     */
    public ContainerCgroup container(String name, Limits limits) {
        if (!Cgroups.SEGMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid container name for a cgroup name: " + name);
        }
        String container = cgroup + "/" + name;
        try {
            fs.create(container);
            fs.apply(container, limits);
        } catch (IOException refused) {
            throw new UncheckedIOException("cannot set up the cgroup of container " + name + ": "
                    + refused.getMessage(), refused);
        }
        return new ContainerCgroup(fs, container);
    }

    /** What the pod's containers use together. */
    public Usage usage() {
        try {
            return fs.usage(cgroup);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the usage of cgroup " + cgroup + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /** Kills what is left in the pod's containers with SIGKILL, waits until they are gone, then removes all. */
    public void remove() {
        try {
            fs.remove(cgroup);
        } catch (IOException refused) {
            throw new UncheckedIOException(refused.getMessage(), refused);
        }
    }
}
