package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoQuote;

/**
 * A postStart or preStop handler failed. {@link #getMessage()} is the error alone; {@link #eventMessage} is the
 * whole text of the kubelet's {@code FailedPostStartHook} / {@code FailedPreStopHook} event.
 */
public final class HookFailedException extends Exception {
    private final String action;
    private final String detail;
    private final String output;
    private final boolean budgetExceeded;

    private HookFailedException(String action, String detail, String error, String output, boolean budgetExceeded) {
        super(error);
        this.action = action;
        this.detail = detail;
        this.output = output;
        this.budgetExceeded = budgetExceeded;
    }

    static HookFailedException exec(String command, String error, String output, boolean budgetExceeded) {
        return new HookFailedException("Exec", command, error, output, budgetExceeded);
    }

    static HookFailedException http(String path, String error, boolean budgetExceeded) {
        return new HookFailedException("HTTP", path, error, null, budgetExceeded);
    }

    static HookFailedException sleep(long seconds, String error, boolean budgetExceeded) {
        return new HookFailedException("Sleep", Long.toString(seconds), error, null, budgetExceeded);
    }

    static HookFailedException invalid(String error) {
        return new HookFailedException(null, null, error, null, false);
    }

    /**
     * Whether the handler was still running when its time budget ran out. For preStop that is no failure in the
     * kubelet's eyes (it logs "PreStop hook not completed in grace period", records no event, and kills the
     * container); the handler's process or request has been abandoned.
     */
    public boolean budgetExceeded() {
        return budgetExceeded;
    }

    /** The handler's output, for exec handlers; null otherwise. */
    public String output() {
        return output;
    }

    /**
     * The kubelet's event text, e.g. {@code Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod
     * "web-0_default(6d1b...)" failed - error: command 'sh -c exit 1' exited with 1: , message: ""}.
     *
     * @param containerName the container's name
     * @param pod           the pod as the kubelet formats it: {@code name_namespace(uid)}
     */
    public String eventMessage(String containerName, String pod) {
        if (action == null) {
            return "Cannot run handler: " + getMessage();
        }
        String head = action + " lifecycle hook (" + detail + ") for Container " + GoQuote.quote(containerName)
                + " in Pod " + GoQuote.quote(pod) + " failed - error: " + getMessage();
        return output == null ? head : head + ", message: " + GoQuote.quote(output);
    }
}
