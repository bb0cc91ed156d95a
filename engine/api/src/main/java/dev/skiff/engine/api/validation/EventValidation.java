package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Events: the legacy rules every Event passes (its namespace agrees with the involved object's; new-style events
 * name their reporting controller, instance, action and reason), plus the strict rules of events.k8s.io/v1.
 * Kubernetes validates the internal Event, so errors use core/v1 names ({@code involvedObject}, {@code message})
 * even for events.k8s.io objects.
 */
final class EventValidation {

    private EventValidation() {
    }

    /** The fields Kubernetes' validation reads, under their internal (core/v1) names. */
    private record Event(String namespace, String involvedNamespace, String eventTime, String reportingController,
                         String reportingInstance, String action, String reason, String message, String type,
                         String firstTimestamp, String lastTimestamp, long count, JsonNode source, JsonNode series) {

        static Event of(ObjectNode object, boolean eventsGroup) {
            String namespace = Fields.text(Fields.object(object, "metadata"), "namespace");
            if (eventsGroup) {
                return new Event(namespace, Fields.text(Fields.object(object, "regarding"), "namespace"),
                        Fields.text(object, "eventTime"), Fields.text(object, "reportingController"),
                        Fields.text(object, "reportingInstance"), Fields.text(object, "action"),
                        Fields.text(object, "reason"), Fields.text(object, "note"), Fields.text(object, "type"),
                        Fields.text(object, "deprecatedFirstTimestamp"), Fields.text(object, "deprecatedLastTimestamp"),
                        Fields.number(object, "deprecatedCount", 0), Fields.object(object, "deprecatedSource"),
                        object.get("series"));
            }
            return new Event(namespace, Fields.text(Fields.object(object, "involvedObject"), "namespace"),
                    Fields.text(object, "eventTime"), Fields.text(object, "reportingComponent"),
                    Fields.text(object, "reportingInstance"), Fields.text(object, "action"),
                    Fields.text(object, "reason"), Fields.text(object, "message"), Fields.text(object, "type"),
                    Fields.text(object, "firstTimestamp"), Fields.text(object, "lastTimestamp"),
                    Fields.number(object, "count", 0), Fields.object(object, "source"), object.get("series"));
        }
    }

    static List<FieldError> create(ObjectNode object, String group) {
        boolean strict = group.equals("events.k8s.io");
        Event event = Event.of(object, strict);
        List<FieldError> errs = legacy(event);
        if (!strict) {
            return errs;
        }
        errs.addAll(series(event));
        if (event.eventTime().isEmpty()) {
            errs.add(FieldError.required(FieldPath.root("eventTime"), ""));
        }
        if (!event.type().equals("Normal") && !event.type().equals("Warning")) {
            errs.add(FieldError.invalid(FieldPath.root("type"), "", "has invalid value: " + event.type()));
        }
        if (!event.firstTimestamp().isEmpty()) {
            errs.add(FieldError.invalid(FieldPath.root("firstTimestamp"), "", "needs to be unset"));
        }
        if (!event.lastTimestamp().isEmpty()) {
            errs.add(FieldError.invalid(FieldPath.root("lastTimestamp"), "", "needs to be unset"));
        }
        if (event.count() != 0) {
            errs.add(FieldError.invalid(FieldPath.root("count"), "", "needs to be unset"));
        }
        if (!Fields.text(event.source(), "component").isEmpty() || !Fields.text(event.source(), "host").isEmpty()) {
            errs.add(FieldError.invalid(FieldPath.root("source"), "", "needs to be unset"));
        }
        return errs;
    }

    static List<FieldError> update(ObjectNode object, ObjectNode old, String group) {
        boolean strict = group.equals("events.k8s.io");
        Event event = Event.of(object, strict);
        List<FieldError> errs = legacy(event);
        if (!strict) {
            return errs;
        }
        if (!Semantics.equal(object.get("series"), old.get("series"))) {
            errs.addAll(series(event));
        }
        for (String[] field : new String[][] {{"regarding", "involvedObject"}, {"reason", "reason"},
                {"note", "message"}, {"deprecatedSource", "source"}, {"deprecatedFirstTimestamp", "firstTimestamp"},
                {"deprecatedLastTimestamp", "lastTimestamp"}, {"deprecatedCount", "count"}, {"type", "type"},
                {"eventTime", "eventTime"}, {"action", "action"}, {"related", "related"},
                {"reportingController", "reportingController"}, {"reportingInstance", "reportingInstance"}}) {
            JsonNode now = object.get(field[0]);
            if (!Semantics.equal(now, old.get(field[0]))) {
                GoValue shown = now != null && now.isTextual() ? GoValue.of(now.asText())
                        : now != null && now.isNumber() ? GoValue.of(now.asLong()) : GoValue.raw(String.valueOf(now));
                errs.add(FieldError.invalid(FieldPath.root(field[1]), shown, "field is immutable"));
            }
        }
        return errs;
    }

    private static List<FieldError> series(Event event) {
        List<FieldError> errs = new ArrayList<>();
        if (event.series() != null && event.series().isObject()) {
            if (Fields.number(event.series(), "count", 0) < 2) {
                errs.add(FieldError.invalid(FieldPath.root("series.count"), "", "should be at least 2"));
            }
            if (Fields.text(event.series(), "lastObservedTime").isEmpty()) {
                errs.add(FieldError.required(FieldPath.root("series.lastObservedTime"), ""));
            }
        }
        return errs;
    }

    private static List<FieldError> legacy(Event event) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath involvedNamespace = FieldPath.root("involvedObject").child("namespace");
        if (event.eventTime().isEmpty()) {
            if (event.involvedNamespace().isEmpty()) {
                if (!event.namespace().isEmpty() && !event.namespace().equals("default")) {
                    errs.add(FieldError.invalid(involvedNamespace, event.involvedNamespace(), "does not match event.namespace"));
                }
            } else if (!event.namespace().equals(event.involvedNamespace())) {
                errs.add(FieldError.invalid(involvedNamespace, event.involvedNamespace(), "does not match event.namespace"));
            }
        } else {
            if (event.involvedNamespace().isEmpty() && !event.namespace().equals("default")
                    && !event.namespace().equals("kube-system")) {
                errs.add(FieldError.invalid(involvedNamespace, event.involvedNamespace(), "does not match event.namespace"));
            }
            if (event.reportingController().isEmpty()) {
                errs.add(FieldError.required(FieldPath.root("reportingController"), ""));
            }
            for (String msg : Formats.qualifiedName(event.reportingController())) {
                errs.add(FieldError.invalid(FieldPath.root("reportingController"), event.reportingController(), msg));
            }
            lengthRules(event.reportingInstance(), "reportingInstance", 128, true, errs);
            lengthRules(event.action(), "action", 128, true, errs);
            lengthRules(event.reason(), "reason", 128, true, errs);
            lengthRules(event.message(), "message", 1024, false, errs);
        }
        // The registry fills the namespace from the request path; an object without one is not judged on it.
        for (String msg : event.namespace().isEmpty() ? List.<String>of() : Formats.dns1123Subdomain(event.namespace())) {
            errs.add(FieldError.invalid(FieldPath.root("namespace"), event.namespace(), msg));
        }
        return errs;
    }

    private static void lengthRules(String value, String field, int limit, boolean required, List<FieldError> errs) {
        if (required && value.isEmpty()) {
            errs.add(FieldError.required(FieldPath.root(field), ""));
        }
        if (value.length() > limit) {
            errs.add(FieldError.invalid(FieldPath.root(field), "", "can have at most " + limit + " characters"));
        }
    }
}
