package dev.skiff.engine.node;

import java.util.ArrayList;
import java.util.List;

/** A container's process and everything it started, so that stopping a container leaves nothing behind. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** The process and its descendants as they are now (children first taken before the parent dies). */
    static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** SIGKILL to every process of the tree still alive. */
    static void kill(List<ProcessHandle> tree) {
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
