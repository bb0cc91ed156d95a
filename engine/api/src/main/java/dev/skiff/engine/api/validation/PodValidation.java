package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pods ({@code ValidatePodCreate}, {@code ValidatePodUpdate}) and pod templates ({@code ValidatePodTemplateSpec}).
 * A pod's spec is immutable apart from container images, activeDeadlineSeconds, added tolerations and removed
 * scheduling gates; any other change gets Kubernetes' {@code pod updates may not change fields other than ...}.
 */
final class PodValidation {

    static final String UPDATABLE_FIELDS = "`spec.containers[*].image`,`spec.initContainers[*].image`,"
            + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private PodValidation() {
    }

    static List<FieldError> create(ObjectNode pod) {
        List<FieldError> errs = metadataAndSpec(pod);
        JsonNode spec = Fields.object(pod, "spec");
        FieldPath specPath = FieldPath.root("spec");
        if (Fields.nonEmpty(spec, "ephemeralContainers")) {
            errs.add(FieldError.forbidden(specPath.child("ephemeralContainers"), "cannot be set on create"));
        }
        if (!Fields.text(spec, "nodeName").isEmpty() && Fields.nonEmpty(spec, "schedulingGates")) {
            errs.add(FieldError.forbidden(specPath.child("nodeName"),
                    "cannot be set until all schedulingGates have been cleared"));
        }
        return errs;
    }

    static List<FieldError> update(ObjectNode pod, ObjectNode old) {
        List<FieldError> errs = metadataAndSpec(pod);
        JsonNode spec = Fields.object(pod, "spec");
        JsonNode oldSpec = Fields.object(old, "spec");
        FieldPath specPath = FieldPath.root("spec");
        for (String list : List.of("containers", "initContainers")) {
            List<JsonNode> now = Fields.list(spec, list);
            List<JsonNode> before = Fields.list(oldSpec, list);
            if (now.size() != before.size()) {
                errs.add(FieldError.forbidden(specPath.child(list), "pod updates may not add or remove containers"));
                return errs;
            }
            for (int i = 0; i < now.size(); i++) {
                String image = Fields.text(now.get(i), "image");
                if (image.isEmpty()) {
                    errs.add(FieldError.required(specPath.child(list).index(i).child("image"), ""));
                }
                if (!image.equals(image.strip())) {
                    errs.add(FieldError.invalid(specPath.child(list).index(i).child("image"), image,
                            "must not have leading or trailing whitespace"));
                }
            }
        }
        if (Fields.has(spec, "activeDeadlineSeconds")) {
            long now = Fields.number(spec, "activeDeadlineSeconds", 0);
            if (now < 0 || now > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(specPath.child("activeDeadlineSeconds"), now,
                        Formats.inclusiveRangeError(0, Integer.MAX_VALUE)));
                return errs;
            }
            if (Fields.has(oldSpec, "activeDeadlineSeconds") && Fields.number(oldSpec, "activeDeadlineSeconds", 0) < now) {
                errs.add(FieldError.invalid(specPath.child("activeDeadlineSeconds"), now,
                        "must be less than or equal to previous value"));
                return errs;
            }
        } else if (Fields.has(oldSpec, "activeDeadlineSeconds")) {
            errs.add(FieldError.invalid(specPath.child("activeDeadlineSeconds"), GoValue.raw("null"),
                    "must not update from a positive integer to nil value"));
        }
        errs.addAll(onlyAddedTolerations(Fields.list(spec, "tolerations"), Fields.list(oldSpec, "tolerations"),
                specPath.child("tolerations")));
        errs.addAll(onlyDeletedSchedulingGates(Fields.list(spec, "schedulingGates"),
                Fields.list(oldSpec, "schedulingGates"), specPath.child("schedulingGates")));

        ObjectNode munged = spec.isObject() ? ((ObjectNode) spec).deepCopy() : pod.objectNode();
        for (String list : List.of("containers", "initContainers")) {
            JsonNode mine = munged.get(list);
            List<JsonNode> theirs = Fields.list(oldSpec, list);
            if (mine != null && mine.isArray()) {
                for (int i = 0; i < mine.size() && i < theirs.size(); i++) {
                    if (mine.get(i).isObject()) {
                        ObjectNode c = (ObjectNode) mine.get(i);
                        c.set("image", theirs.get(i).get("image"));
                    }
                }
            }
        }
        for (String field : List.of("activeDeadlineSeconds", "schedulingGates", "tolerations")) {
            munged.remove(field);
            if (oldSpec.has(field)) {
                munged.set(field, oldSpec.get(field).deepCopy());
            }
        }
        if (Fields.number(oldSpec, "terminationGracePeriodSeconds", 0) < 0
                && Fields.number(munged, "terminationGracePeriodSeconds", 0) == 1) {
            munged.set("terminationGracePeriodSeconds", oldSpec.get("terminationGracePeriodSeconds"));
        }
        if (!Semantics.equal(munged, oldSpec)) {
            errs.add(FieldError.forbidden(specPath, "pod updates may not change fields other than " + UPDATABLE_FIELDS
                    + "\n" + Semantics.diff(oldSpec, munged, "spec")));
        }
        return errs;
    }

    /** {@code validatePodMetadataAndSpec}, without the metadata (validated elsewhere in Skiff). */
    private static List<FieldError> metadataAndSpec(ObjectNode pod) {
        JsonNode spec = Fields.object(pod, "spec");
        FieldPath specPath = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>(PodSpecValidation.validate(spec, specPath, true));
        for (String list : List.of("containers", "initContainers")) {
            List<JsonNode> containers = Fields.list(spec, list);
            for (int i = 0; i < containers.size(); i++) {
                String image = Fields.text(containers.get(i), "image");
                if (!image.equals(image.strip())) {
                    errs.add(FieldError.invalid(specPath.child(list).index(i).child("image"), image,
                            "must not have leading or trailing whitespace"));
                }
            }
        }
        return errs;
    }

    /** {@code ValidatePodTemplateSpec}: the template's labels and annotations, then its pod spec. */
    static List<FieldError> template(JsonNode template, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode meta = Fields.object(template, "metadata");
        errs.addAll(LabelSelectors.validateLabels(meta.get("labels"), path.child("labels")));
        errs.addAll(PodSpecValidation.annotations(meta.get("annotations"), path.child("annotations")));
        JsonNode spec = Fields.object(template, "spec");
        errs.addAll(PodSpecValidation.validate(spec, path.child("spec"), false));
        if (Fields.nonEmpty(spec, "ephemeralContainers")) {
            errs.add(FieldError.forbidden(path.child("spec", "ephemeralContainers"),
                    "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    private static List<FieldError> onlyAddedTolerations(List<JsonNode> now, List<JsonNode> before, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (JsonNode old : before) {
            boolean found = false;
            for (JsonNode candidate : now) {
                ObjectNode a = old.isObject() ? ((ObjectNode) old).deepCopy() : null;
                ObjectNode b = candidate.isObject() ? ((ObjectNode) candidate).deepCopy() : null;
                if (a != null && b != null) {
                    a.remove("tolerationSeconds");
                    b.remove("tolerationSeconds");
                    if (Semantics.equal(a, b)) {
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                errs.add(FieldError.forbidden(path, "existing toleration can not be modified except its tolerationSeconds"));
                return errs;
            }
        }
        errs.addAll(SchedulingValidation.tolerations(now, path));
        return errs;
    }

    private static List<FieldError> onlyDeletedSchedulingGates(List<JsonNode> now, List<JsonNode> before,
                                                               FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> old = new HashSet<>();
        for (JsonNode gate : before) {
            old.add(Fields.text(gate, "name"));
        }
        for (int i = 0; i < now.size(); i++) {
            String name = Fields.text(now.get(i), "name");
            if (!old.contains(name)) {
                errs.add(FieldError.forbidden(path.index(i).child("name"),
                        "only deletion is allowed, but found new scheduling gate '" + name + "'"));
            }
        }
        return errs;
    }
}
