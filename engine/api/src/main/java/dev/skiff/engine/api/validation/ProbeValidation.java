package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes and lifecycle hooks: exactly one handler ({@code may not specify more than 1 handler type},
 * {@code must specify a handler type}), valid ports and schemes, non-negative timings. Timings a client left out
 * are read as Kubernetes' defaults (timeout 1s, period 10s, thresholds 1 and 3).
 */
final class ProbeValidation {

    private ProbeValidation() {
    }

    static List<FieldError> liveness(JsonNode probe, long gracePeriod, FieldPath path) {
        if (absent(probe)) {
            return List.of();
        }
        List<FieldError> errs = probe(probe, gracePeriod, path);
        long success = Fields.number(probe, "successThreshold", 1);
        if (success != 1) {
            errs.add(FieldError.invalid(path.child("successThreshold"), success, "must be 1"));
        }
        return errs;
    }

    static List<FieldError> readiness(JsonNode probe, long gracePeriod, FieldPath path) {
        if (absent(probe)) {
            return List.of();
        }
        List<FieldError> errs = probe(probe, gracePeriod, path);
        if (Fields.has(probe, "terminationGracePeriodSeconds")) {
            errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"),
                    Fields.number(probe, "terminationGracePeriodSeconds", 0), "must not be set for readinessProbes"));
        }
        return errs;
    }

    static List<FieldError> startup(JsonNode probe, long gracePeriod, FieldPath path) {
        return liveness(probe, gracePeriod, path);
    }

    static List<FieldError> lifecycle(JsonNode lifecycle, long gracePeriod, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String hook : List.of("postStart", "preStop")) {
            if (Fields.has(lifecycle, hook)) {
                errs.addAll(handler(lifecycle.get(hook), true, gracePeriod, path.child(hook)));
            }
        }
        return errs;
    }

    private static List<FieldError> probe(JsonNode probe, long gracePeriod, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(handler(probe, false, gracePeriod, path));
        nonNegative(probe, "initialDelaySeconds", 0, path, errs);
        nonNegative(probe, "timeoutSeconds", 1, path, errs);
        nonNegative(probe, "periodSeconds", 10, path, errs);
        nonNegative(probe, "successThreshold", 1, path, errs);
        nonNegative(probe, "failureThreshold", 3, path, errs);
        if (Fields.has(probe, "terminationGracePeriodSeconds")) {
            long value = Fields.number(probe, "terminationGracePeriodSeconds", 0);
            if (value <= 0) {
                errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), value,
                        "must be greater than 0"));
            }
        }
        return errs;
    }

    private static void nonNegative(JsonNode node, String name, long fallback, FieldPath path, List<FieldError> errs) {
        long value = Fields.number(node, name, fallback);
        if (value < 0) {
            errs.add(FieldError.invalid(path.child(name), value, "must be greater than or equal to 0"));
        }
    }

    /** {@code validateHandler}: the first handler counts; any further one is forbidden. */
    private static List<FieldError> handler(JsonNode handler, boolean lifecycle, long gracePeriod, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<String> kinds = lifecycle
                ? List.of("exec", "httpGet", "tcpSocket", "sleep")
                : List.of("exec", "httpGet", "tcpSocket", "grpc");
        int count = 0;
        for (String kind : kinds) {
            if (!Fields.has(handler, kind)) {
                continue;
            }
            if (count > 0) {
                errs.add(FieldError.forbidden(path.child(kind), "may not specify more than 1 handler type"));
                continue;
            }
            count++;
            JsonNode action = handler.get(kind);
            FieldPath at = path.child(kind);
            switch (kind) {
                case "exec" -> {
                    if (!Fields.nonEmpty(action, "command")) {
                        errs.add(FieldError.required(at.child("command"), ""));
                    }
                }
                case "httpGet" -> errs.addAll(httpGet(action, at));
                case "tcpSocket" -> errs.addAll(portNumOrName(action.get("port"), at.child("port")));
                case "grpc" -> {
                    long port = Fields.number(action, "port", 0);
                    for (String msg : Formats.portNumber(port)) {
                        errs.add(FieldError.invalid(at.child("port"), port, msg));
                    }
                }
                case "sleep" -> {
                    long seconds = Fields.number(action, "seconds", 0);
                    if (seconds <= 0 || seconds > gracePeriod) {
                        errs.add(FieldError.invalid(at, seconds, "must be greater than 0 and less than "
                                + "terminationGracePeriodSeconds (" + gracePeriod + "). Enable "
                                + "AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
                    }
                }
                default -> throw new IllegalStateException(kind);
            }
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        return errs;
    }

    private static List<FieldError> httpGet(JsonNode action, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        // An empty path is defaulted to "/" and an absent scheme to HTTP, so neither is reported.
        errs.addAll(portNumOrName(action.get("port"), path.child("port")));
        String scheme = Fields.text(action, "scheme");
        if (!scheme.isEmpty() && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errs.add(FieldError.notSupported(path.child("scheme"), scheme, List.of("HTTP", "HTTPS")));
        }
        for (JsonNode header : Fields.list(action, "httpHeaders")) {
            String name = Fields.text(header, "name");
            for (String msg : Formats.httpHeaderName(name)) {
                errs.add(FieldError.invalid(path.child("httpHeaders"), name, msg));
            }
        }
        return errs;
    }

    /** {@code ValidatePortNumOrName}: a number in range or an IANA service name. */
    static List<FieldError> portNumOrName(JsonNode port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (port != null && port.isTextual()) {
            for (String msg : Formats.portName(port.asText())) {
                errs.add(FieldError.invalid(path, port.asText(), msg));
            }
        } else {
            long number = port == null || port.isNull() ? 0 : port.asLong();
            for (String msg : Formats.portNumber(number)) {
                errs.add(FieldError.invalid(path, number, msg));
            }
        }
        return errs;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
