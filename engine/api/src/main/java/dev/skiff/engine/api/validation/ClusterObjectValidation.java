package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.Quantity;
import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The small rules of Namespaces, Nodes and Leases. */
final class ClusterObjectValidation {

    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private ClusterObjectValidation() {
    }

    /** Namespace finalizers: qualified names, or the standard {@code kubernetes}. */
    static List<FieldError> namespace(ObjectNode namespace) {
        List<FieldError> errs = new ArrayList<>();
        // Kubernetes reports these at spec.finalizers without an index.
        FieldPath path = FieldPath.root("spec").child("finalizers");
        for (String finalizer : Fields.strings(Fields.object(namespace, "spec"), "finalizers")) {
            for (String msg : Formats.qualifiedName(finalizer)) {
                errs.add(FieldError.invalid(path, finalizer, msg));
            }
            if (!finalizer.contains("/") && !finalizer.equals("kubernetes")) {
                errs.add(FieldError.invalid(path, finalizer,
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        return errs;
    }

    static List<FieldError> node(ObjectNode node, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = Fields.object(node, "spec");
        List<JsonNode> taints = Fields.list(spec, "taints");
        // Kubernetes' path for node taints really is metadata.taints.
        FieldPath taintsPath = FieldPath.root("metadata").child("taints");
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            JsonNode taint = taints.get(i);
            FieldPath at = taintsPath.index(i);
            String key = Fields.text(taint, "key");
            errs.addAll(LabelSelectors.validateLabelName(key, at.child("key")));
            List<String> msgs = Formats.labelValue(Fields.text(taint, "value"));
            if (!msgs.isEmpty()) {
                errs.add(FieldError.invalid(at.child("value"), Fields.text(taint, "value"), String.join(";", msgs)));
            }
            String effect = Fields.text(taint, "effect");
            if (effect.isEmpty()) {
                errs.add(FieldError.required(at.child("effect"), ""));
            } else if (!TAINT_EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(at.child("effect"), effect, TAINT_EFFECTS));
            }
            if (!unique.add(effect + "\u0000" + key)) {
                errs.add(new FieldError("FieldValueDuplicate", at.toString(), "Duplicate value: "
                        + "core.Taint{Key:" + GoQuote.quote(key) + ", Value:" + GoQuote.quote(Fields.text(taint, "value"))
                        + ", Effect:" + GoQuote.quote(effect) + ", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"));
            }
        }
        JsonNode status = Fields.object(node, "status");
        for (String list : List.of("capacity", "allocatable")) {
            for (Map.Entry<String, JsonNode> e : Fields.entries(status, list)) {
                Optional<Quantity> q = Quantity.of(e.getValue());
                if (q.isPresent()) {
                    errs.addAll(ResourceRequirementsValidation.validateQuantityValue(e.getKey(), q.get(),
                            FieldPath.root("status").child(list, e.getKey())));
                }
            }
        }
        List<String> cidrs = Fields.strings(spec, "podCIDRs");
        FieldPath cidrsPath = FieldPath.root("spec").child("podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            if (IpAddress.parseCidr(cidrs.get(i)).isEmpty()) {
                errs.add(FieldError.invalid(cidrsPath.index(i), cidrs.get(i),
                        "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            }
        }
        if (old != null) {
            JsonNode oldSpec = Fields.object(old, "spec");
            List<String> oldCidrs = Fields.strings(oldSpec, "podCIDRs");
            if (!oldCidrs.isEmpty() && !oldCidrs.equals(cidrs)) {
                errs.add(FieldError.forbidden(cidrsPath, "node updates may not change podCIDR except from \"\" to valid"));
            }
            String oldProvider = Fields.text(oldSpec, "providerID");
            if (!oldProvider.isEmpty() && !oldProvider.equals(Fields.text(spec, "providerID"))) {
                errs.add(FieldError.forbidden(FieldPath.root("spec").child("providerID"),
                        "node updates may not change providerID except from \"\" to valid"));
            }
            if (!Fields.text(oldSpec, "externalID").equals(Fields.text(spec, "externalID"))) {
                errs.add(FieldError.forbidden(FieldPath.root("spec").child("externalID"), "may not be updated"));
            }
        }
        return errs;
    }

    static List<FieldError> lease(ObjectNode lease) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = Fields.object(lease, "spec");
        FieldPath path = FieldPath.root("spec");
        if (Fields.has(spec, "leaseDurationSeconds") && Fields.number(spec, "leaseDurationSeconds", 0) <= 0) {
            errs.add(FieldError.invalid(path.child("leaseDurationSeconds"), Fields.number(spec, "leaseDurationSeconds", 0),
                    "must be greater than 0"));
        }
        if (Fields.has(spec, "leaseTransitions") && Fields.number(spec, "leaseTransitions", 0) < 0) {
            errs.add(FieldError.invalid(path.child("leaseTransitions"), Fields.number(spec, "leaseTransitions", 0),
                    "must be greater than or equal to 0"));
        }
        String strategy = Fields.text(spec, "strategy");
        if (Fields.has(spec, "strategy")) {
            if (!strategy.contains("/")) {
                if (!strategy.equals("OldestEmulationVersion")) {
                    errs.add(FieldError.notSupported(path.child("strategy").child("strategy"), strategy,
                            List.of("OldestEmulationVersion")));
                }
            } else {
                for (String msg : Formats.qualifiedName(strategy)) {
                    errs.add(FieldError.invalid(path.child("strategy").child("strategy"), strategy, msg));
                }
            }
        }
        if (!Fields.text(spec, "preferredHolder").isEmpty() && strategy.isEmpty()) {
            errs.add(FieldError.forbidden(path.child("preferredHolder"), "may only be specified if `strategy` is defined"));
        }
        return errs;
    }
}
