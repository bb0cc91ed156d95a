package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The scheduling parts of a pod spec: affinity, tolerations, topology spread constraints, scheduling gates. */
final class SchedulingValidation {

    private SchedulingValidation() {
    }

    static List<FieldError> schedulingGates(List<JsonNode> gates, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < gates.size(); i++) {
            String name = Fields.text(gates.get(i), "name");
            for (String msg : Formats.qualifiedName(name)) {
                errs.add(FieldError.invalid(path.index(i), name, msg));
            }
            if (!seen.add(name)) {
                errs.add(FieldError.duplicate(path.index(i), name));
            }
        }
        return errs;
    }

    /** {@code ValidateTolerations}. */
    static List<FieldError> tolerations(List<JsonNode> tolerations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < tolerations.size(); i++) {
            JsonNode t = tolerations.get(i);
            FieldPath at = path.index(i);
            String key = Fields.text(t, "key");
            String operator = Fields.text(t, "operator");
            String value = Fields.text(t, "value");
            String effect = Fields.text(t, "effect");
            if (!key.isEmpty()) {
                errs.addAll(LabelSelectors.validateLabelName(key, at.child("key")));
            }
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(FieldError.invalid(at.child("operator"), operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (Fields.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
                errs.add(FieldError.invalid(at.child("effect"), effect,
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "Equal", "" -> {
                    List<String> msgs = Formats.labelValue(value);
                    if (!msgs.isEmpty()) {
                        errs.add(FieldError.invalid(at.child("operator"), value, String.join(";", msgs)));
                    }
                }
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errs.add(FieldError.invalid(at.child("operator"), value,
                                "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(at.child("operator"), operator, List.of("Equal", "Exists")));
            }
            if (!effect.isEmpty() && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
                errs.add(FieldError.notSupported(at.child("effect"), effect,
                        List.of("NoSchedule", "PreferNoSchedule", "NoExecute")));
            }
        }
        return errs;
    }

    static List<FieldError> affinity(JsonNode affinity, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (affinity == null || !affinity.isObject()) {
            return errs;
        }
        if (Fields.has(affinity, "nodeAffinity")) {
            JsonNode na = affinity.get("nodeAffinity");
            FieldPath at = path.child("nodeAffinity");
            if (Fields.has(na, "requiredDuringSchedulingIgnoredDuringExecution")) {
                FieldPath termsPath = at.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
                List<JsonNode> terms = Fields.list(na.get("requiredDuringSchedulingIgnoredDuringExecution"),
                        "nodeSelectorTerms");
                if (terms.isEmpty()) {
                    errs.add(FieldError.required(termsPath, "must have at least one node selector term"));
                }
                for (int i = 0; i < terms.size(); i++) {
                    errs.addAll(nodeSelectorTerm(terms.get(i), termsPath.index(i)));
                }
            }
            List<JsonNode> preferred = Fields.list(na, "preferredDuringSchedulingIgnoredDuringExecution");
            for (int i = 0; i < preferred.size(); i++) {
                FieldPath p = at.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                errs.addAll(weight(preferred.get(i), p));
                errs.addAll(nodeSelectorTerm(Fields.object(preferred.get(i), "preference"), p.child("preference")));
            }
        }
        for (String kind : List.of("podAffinity", "podAntiAffinity")) {
            if (!Fields.has(affinity, kind)) {
                continue;
            }
            JsonNode pa = affinity.get(kind);
            FieldPath at = path.child(kind);
            List<JsonNode> required = Fields.list(pa, "requiredDuringSchedulingIgnoredDuringExecution");
            for (int i = 0; i < required.size(); i++) {
                errs.addAll(podAffinityTerm(required.get(i),
                        at.child("requiredDuringSchedulingIgnoredDuringExecution").index(i)));
            }
            List<JsonNode> preferred = Fields.list(pa, "preferredDuringSchedulingIgnoredDuringExecution");
            for (int i = 0; i < preferred.size(); i++) {
                FieldPath p = at.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                errs.addAll(weight(preferred.get(i), p));
                errs.addAll(podAffinityTerm(Fields.object(preferred.get(i), "podAffinityTerm"),
                        p.child("podAffinityTerm")));
            }
        }
        return errs;
    }

    private static List<FieldError> weight(JsonNode weighted, FieldPath path) {
        long weight = Fields.number(weighted, "weight", 0);
        if (weight <= 0 || weight > 100) {
            return List.of(FieldError.invalid(path.child("weight"), weight, "must be in the range 1-100"));
        }
        return List.of();
    }

    private static List<FieldError> nodeSelectorTerm(JsonNode term, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<JsonNode> exprs = Fields.list(term, "matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            JsonNode rq = exprs.get(i);
            FieldPath at = path.child("matchExpressions").index(i);
            String operator = Fields.text(rq, "operator");
            List<String> values = Fields.strings(rq, "values");
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        errs.add(FieldError.required(at.child("values"),
                                "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        errs.add(FieldError.forbidden(at.child("values"),
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                case "Gt", "Lt" -> {
                    if (values.size() != 1) {
                        errs.add(FieldError.required(at.child("values"),
                                "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                    }
                }
                default -> errs.add(FieldError.invalid(at.child("operator"), operator, "not a valid selector operator"));
            }
            errs.addAll(LabelSelectors.validateLabelName(Fields.text(rq, "key"), at.child("key")));
        }
        List<JsonNode> fields = Fields.list(term, "matchFields");
        for (int i = 0; i < fields.size(); i++) {
            JsonNode rq = fields.get(i);
            FieldPath at = path.child("matchFields").index(i);
            String operator = Fields.text(rq, "operator");
            if (operator.equals("In") || operator.equals("NotIn")) {
                if (Fields.strings(rq, "values").size() != 1) {
                    errs.add(FieldError.required(at.child("values"),
                            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
                }
            } else {
                errs.add(FieldError.invalid(at.child("operator"), operator, "not a valid selector operator"));
            }
            if (!Fields.text(rq, "key").equals("metadata.name")) {
                errs.add(FieldError.invalid(at.child("key"), Fields.text(rq, "key"), "not a valid field selector key"));
            }
        }
        return errs;
    }

    private static List<FieldError> podAffinityTerm(JsonNode term, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(LabelSelectors.validate(term.get("labelSelector"), path.child("labelSelector")));
        errs.addAll(LabelSelectors.validate(term.get("namespaceSelector"), path.child("namespaceSelector")));
        for (String ns : Fields.strings(term, "namespaces")) {
            for (String msg : Formats.dns1123Label(ns)) {
                errs.add(FieldError.invalid(path.child("namespace"), ns, msg));
            }
        }
        String topologyKey = Fields.text(term, "topologyKey");
        if (topologyKey.isEmpty()) {
            errs.add(FieldError.required(path.child("topologyKey"), "can not be empty"));
        }
        errs.addAll(LabelSelectors.validateLabelName(topologyKey, path.child("topologyKey")));
        return errs;
    }

    static List<FieldError> topologySpread(List<JsonNode> constraints, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            JsonNode c = constraints.get(i);
            FieldPath at = path.index(i);
            long maxSkew = Fields.number(c, "maxSkew", 0);
            if (maxSkew <= 0) {
                errs.add(FieldError.invalid(at.child("maxSkew"), maxSkew, "must be greater than zero"));
            }
            String topologyKey = Fields.text(c, "topologyKey");
            if (topologyKey.isEmpty()) {
                errs.add(FieldError.required(at.child("topologyKey"), "can not be empty"));
            }
            String action = Fields.text(c, "whenUnsatisfiable");
            if (!action.equals("DoNotSchedule") && !action.equals("ScheduleAnyway")) {
                errs.add(FieldError.notSupported(at.child("whenUnsatisfiable"), action,
                        List.of("DoNotSchedule", "ScheduleAnyway")));
            }
            for (int j = i + 1; j < constraints.size(); j++) {
                JsonNode other = constraints.get(j);
                if (topologyKey.equals(Fields.text(other, "topologyKey"))
                        && action.equals(Fields.text(other, "whenUnsatisfiable"))) {
                    errs.add(FieldError.duplicate(at.child("{topologyKey, whenUnsatisfiable}"),
                            "{" + topologyKey + ", " + action + "}"));
                    break;
                }
            }
            errs.addAll(LabelSelectors.validate(c.get("labelSelector"), at.child("labelSelector")));
        }
        return errs;
    }
}
