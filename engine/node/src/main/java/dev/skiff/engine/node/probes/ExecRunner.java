package dev.skiff.engine.node.probes;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command inside a container, with the container's environment, working directory and cgroup,
 * as {@code kubectl exec} would. The node agent supplies it; exec probes and exec hooks use it.
 */
@FunctionalInterface
public interface ExecRunner {
    /**
     * Runs {@code command} (argv, not a shell line) and waits at most {@code timeout} for it, killing it
     * when the timeout passes. May throw an unchecked exception when the command cannot be started at all.
     */
    ExecResult run(List<String> command, Duration timeout);
}
