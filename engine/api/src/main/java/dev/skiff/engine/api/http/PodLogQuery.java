package dev.skiff.engine.api.http;

import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.text.GoQuote;
import dev.skiff.engine.api.text.GoTime;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of a {@code pods/log} request read as kube-apiserver reads {@code PodLogOptions}: a value that does
 * not convert is a 400 with Go's conversion error; options that convert but break the rules are a 422 naming each
 * field. {@code insecureSkipTLSVerifyBackend} is accepted and ignored: there is no kubelet connection to verify.
 */
final class PodLogQuery {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** The time Go's zero {@code metav1.Time} stands for: an empty {@code sinceTime} asks for the whole log. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private PodLogQuery() {
    }

    /**
     * The options of a request for the log of pod {@code name}, {@code sinceSeconds} turned into a time.
     *
     * @throws ApiException 400 for a value that is not a number or time, 422 for options out of their bounds
     */
    static LogOptions parse(MultiMap params, String name, Clock clock) {
        // converted in the field order of PodLogOptions, so the first bad value is the one Kubernetes names
        String container = params.get("container");
        boolean follow = flag(params, "follow");
        boolean previous = flag(params, "previous");
        Long sinceSeconds = integer(params, "sinceSeconds");
        Instant sinceTime = time(params, "sinceTime");
        boolean timestamps = flag(params, "timestamps");
        Long tailLines = integer(params, "tailLines");
        Long limitBytes = integer(params, "limitBytes");
        validate(name, tailLines, limitBytes, sinceSeconds, sinceTime);
        Instant since = sinceSeconds != null ? clock.instant().minusSeconds(sinceSeconds) : sinceTime;
        return new LogOptions(container == null ? "" : container, follow, previous, timestamps, tailLines,
                limitBytes, since);
    }

    // ValidatePodLogOptions of kube-apiserver 1.32
    private static void validate(String name, Long tailLines, Long limitBytes, Long sinceSeconds, Instant sinceTime) {
        List<Status.Cause> causes = new ArrayList<>();
        if (tailLines != null && tailLines < 0) {
            causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: " + tailLines
                    + ": must be greater than or equal to 0", "tailLines"));
        }
        if (limitBytes != null && limitBytes < 1) {
            causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: " + limitBytes + ": must be greater than 0",
                    "limitBytes"));
        }
        if (sinceSeconds != null && sinceTime != null) {
            causes.add(new Status.Cause("FieldValueForbidden",
                    "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified", ""));
        } else if (sinceSeconds != null && sinceSeconds < 1) {
            causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: " + sinceSeconds
                    + ": must be greater than 0", "sinceSeconds"));
        }
        if (!causes.isEmpty()) {
            throw invalid(name, causes);
        }
    }

    /**
     * Kubernetes' 422 for PodLogOptions. Built here rather than by {@link Errors#invalid} because one of these
     * causes has an empty field path, which Go still prints before its colon ({@code : Forbidden: ...}).
     */
    private static ApiException invalid(String name, List<Status.Cause> causes) {
        List<String> texts = causes.stream().map(c -> c.field() + ": " + c.message()).toList();
        String all = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
        return new Status(422, "Invalid", "PodLogOptions " + GoQuote.quote(name) + " is invalid: " + all,
                new Status.Details(name, "", "PodLogOptions", null, causes, null)).exception();
    }

    // Go's query conversion: absent is false; "false" (any case) and "0" are false; anything else, even "", true.
    private static boolean flag(MultiMap params, String key) {
        String v = params.get(key);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    private static Long integer(MultiMap params, String key) {
        String v = params.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            String why = INTEGER.matcher(v).matches() ? "value out of range" : "invalid syntax";
            throw Errors.badRequest("strconv.ParseInt: parsing " + GoQuote.quote(v) + ": " + why);
        }
    }

    private static Instant time(MultiMap params, String key) {
        String v = params.get(key);
        if (v == null) {
            return null;
        }
        if (v.isEmpty() || v.equals("null")) {
            return GO_ZERO_TIME;
        }
        try {
            return GoTime.parseRfc3339(v);
        } catch (IllegalArgumentException e) {
            throw Errors.badRequest(e.getMessage());
        }
    }
}
