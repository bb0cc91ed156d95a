package dev.skiff.engine.node.probes;

/**
 * What a command run in a container ended with.
 *
 * @param exitCode the command's exit code (meaningless when {@code timedOut})
 * @param output   stdout and stderr together, as the kubelet reports them
 * @param timedOut the command was still running when its timeout passed (the runner killed it)
 */
public record ExecResult(int exitCode, String output, boolean timedOut) {
    public ExecResult {
        output = output == null ? "" : output;
    }
}
