package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoQuote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Runs one attempt of a liveness, readiness or startup probe against a container, as the kubelet does:
 * <ul>
 *   <li>{@code httpGet}: success for status 200..399, with a warning for a redirect to another host (the
 *       kubelet's {@code ProbeWarning} event); failure {@code HTTP probe failed with statuscode: 500} or Go's
 *       client error such as {@code Get "http://127.1.0.5:8080/healthz": dial tcp 127.1.0.5:8080: connect:
 *       connection refused};</li>
 *   <li>{@code tcpSocket}: success when a connection opens within the timeout, else e.g.
 *       {@code dial tcp 127.1.0.5:8080: connect: connection refused};</li>
 *   <li>{@code exec}: success on exit code 0; the message is the command's output (at most 10 KiB), or
 *       {@code command "sh -c sleep 5" timed out};</li>
 *   <li>{@code grpc}: not supported by this node; reported as a probe error (neither success nor failure).</li>
 * </ul>
 * Stateless and safe to share between threads; each call blocks for at most about the timeout.
 */
public final class Prober {
    private static final int MAX_OUTPUT_CHARS = 10 * 1024;

    /** One attempt with the probe's own {@code timeoutSeconds} (default 1). */
    public ProbeResult check(JsonNode probe, ProbeTarget target) {
        return check(probe, target, ProbeSpec.timeoutOf(probe));
    }

    /** One attempt with the given timeout instead of the probe's {@code timeoutSeconds}. */
    public ProbeResult check(JsonNode probe, ProbeTarget target, Duration timeout) {
        try {
            if (probe.path("exec").isObject()) {
                return exec(probe.path("exec"), target, timeout);
            }
            if (probe.path("httpGet").isObject()) {
                return httpGet(probe.path("httpGet"), target, timeout);
            }
            if (probe.path("tcpSocket").isObject()) {
                return tcpSocket(probe.path("tcpSocket"), target, timeout);
            }
            if (probe.path("grpc").isObject()) {
                return ProbeResult.error("grpc probes are not supported by this node (port "
                        + probe.path("grpc").path("port").asText() + ")");
            }
            return ProbeResult.error("missing probe handler for container "
                    + GoQuote.quote(target.container().path("name").asText()));
        } catch (ActionException e) {
            return switch (e.kind()) {
                case INVALID, BODY -> ProbeResult.error(e.getMessage());
                case FAILED, TIMED_OUT -> ProbeResult.failure(e.getMessage());
            };
        }
    }

    private static ProbeResult httpGet(JsonNode action, ProbeTarget target, Duration timeout) throws ActionException {
        HttpGet.Response response = HttpGet.send(HttpGetRequest.of(action, target, "probe"), timeout);
        int status = response.status();
        if (status >= 200 && status < 300) {
            return ProbeResult.success(response.body());
        }
        if (status >= 300 && status < 400) {
            return ProbeResult.warning("Probe terminated redirects, Response body: " + response.body());
        }
        // The kubelet keeps the body out of this message on purpose (it may hold secrets).
        return ProbeResult.failure("HTTP probe failed with statuscode: " + status);
    }

    private static ProbeResult tcpSocket(JsonNode action, ProbeTarget target, Duration timeout) throws ActionException {
        int port = ContainerPorts.resolve(action.get("port"), target.container());
        String host = action.path("host").asText("");
        Socket socket = Dial.connect(host.isEmpty() ? target.podIp() : host, port, timeout);
        Dial.close(socket);
        return ProbeResult.success("");
    }

    private static ProbeResult exec(JsonNode action, ProbeTarget target, Duration timeout) {
        List<String> command = CommandExpansion.expand(action.path("command"), target.container());
        ExecResult result;
        try {
            result = target.exec().run(command, timeout);
        } catch (RuntimeException e) {
            return ProbeResult.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (result.timedOut()) {
            return ProbeResult.failure("command " + GoQuote.quote(String.join(" ", command)) + " timed out");
        }
        String output = result.output().length() > MAX_OUTPUT_CHARS
                ? result.output().substring(0, MAX_OUTPUT_CHARS) : result.output();
        return result.exitCode() == 0 ? ProbeResult.success(output) : ProbeResult.failure(output);
    }
}
