package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoDuration;

import dev.skiff.engine.api.text.GoQuote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a container's {@code lifecycle.postStart} or {@code lifecycle.preStop} handler, as the kubelet does:
 * <ul>
 *   <li>{@code exec}: fails on a non-zero exit code (no {@code $(VAR)} expansion, unlike exec probes);</li>
 *   <li>{@code httpGet}: any HTTP response at all succeeds, whatever its status; only a request that gets no
 *       response fails. Sent with {@code User-Agent: kube-lifecycle/1.32}, certificates not verified, same-host
 *       redirects followed; an HTTPS request answered in plain HTTP is retried over HTTP;</li>
 *   <li>{@code sleep}: waits {@code sleep.seconds}; interrupting the calling thread (the container is gone) fails it
 *       with the kubelet's "container terminated before sleep hook finished";</li>
 *   <li>{@code tcpSocket} (deprecated, "not supported as a LifecycleHandler ... lifecycle hooks will fail at
 *       runtime"): fails, as in the kubelet, with {@code invalid handler}.</li>
 * </ul>
 * Event reasons for failures are {@link #FAILED_POST_START_HOOK} and {@link #FAILED_PRE_STOP_HOOK}.
 */
public final class LifecycleHandler {
    /** Event reason for a failed postStart handler (the kubelet then kills the container). */
    public static final String FAILED_POST_START_HOOK = "FailedPostStartHook";
    /** Event reason for a failed preStop handler (the container is stopped anyway). */
    public static final String FAILED_PRE_STOP_HOOK = "FailedPreStopHook";

    private LifecycleHandler() {
    }

    /**
     * Runs {@code handler} and returns when it has finished.
     *
     * @param handler the {@code postStart} or {@code preStop} object
     * @param budget  how long the handler may take: for preStop, what is left of the grace period; the kubelet
     *                gives postStart no limit, so pass a generous one
     * @throws HookFailedException when the handler failed or did not finish within {@code budget}
     */
    public static void run(JsonNode handler, ProbeTarget target, Duration budget) throws HookFailedException {
        if (handler.path("exec").isObject()) {
            exec(handler.path("exec"), target, budget);
        } else if (handler.path("httpGet").isObject()) {
            httpGet(handler.path("httpGet"), target, budget);
        } else if (handler.path("sleep").isObject()) {
            sleep(handler.path("sleep").path("seconds").asLong(), budget);
        } else if (handler.path("tcpSocket").isObject()) {
            throw HookFailedException.invalid("invalid handler: tcpSocket is not supported as a lifecycle handler");
        } else {
            throw HookFailedException.invalid("invalid handler: " + handler);
        }
    }

    private static void exec(JsonNode action, ProbeTarget target, Duration budget) throws HookFailedException {
        List<String> command = new ArrayList<>();
        action.path("command").forEach(arg -> command.add(arg.asText()));
        String shown = GoText.list(command);
        ExecResult result;
        try {
            result = target.exec().run(command, budget);
        } catch (RuntimeException e) {
            throw HookFailedException.exec(shown, String.valueOf(e.getMessage()), "", false);
        }
        if (result.timedOut()) {
            throw HookFailedException.exec(shown, "command " + GoQuote.quote(String.join(" ", command))
                    + " timed out", result.output(), true);
        }
        if (result.exitCode() != 0) {
            throw HookFailedException.exec(shown, "command '" + String.join(" ", command) + "' exited with "
                    + result.exitCode() + ": " + result.output(), result.output(), false);
        }
    }

    private static void httpGet(JsonNode action, ProbeTarget target, Duration budget) throws HookFailedException {
        String path = action.path("path").asText("");
        try {
            HttpGetRequest request = HttpGetRequest.of(action, target, "lifecycle");
            try {
                HttpGet.send(request, budget);
            } catch (ActionException e) {
                if (!request.scheme().equals("https") || !HttpGet.isHttpResponseToHttps(e)) {
                    throw e;
                }
                // The kubelet retries such a hook over plain HTTP, without credentials.
                List<HttpGetRequest.Header> headers = new ArrayList<>(request.headers());
                headers.removeIf(h -> h.name().equals("Authorization"));
                HttpGet.send(new HttpGetRequest("http", request.host(), request.port(), request.target(),
                        headers, request.hostHeader()), budget);
            }
        } catch (ActionException e) {
            throw HookFailedException.http(path, e.getMessage(), e.kind() == ActionException.Kind.TIMED_OUT);
        }
    }

    private static void sleep(long seconds, Duration budget) throws HookFailedException {
        Duration wanted = Duration.ofSeconds(Math.max(0, seconds));
        boolean tooLong = wanted.compareTo(budget) > 0;
        try {
            Thread.sleep(tooLong ? budget : wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HookFailedException.sleep(seconds, "container terminated before sleep hook finished", false);
        }
        if (tooLong) {
            throw HookFailedException.sleep(seconds, "sleep hook did not finish within " + GoDuration.format(budget.toNanos()),
                    true);
        }
    }
}
