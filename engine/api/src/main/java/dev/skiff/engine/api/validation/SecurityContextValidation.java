package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/** Pod and container security contexts: user and group IDs in range, known enum values. */
final class SecurityContextValidation {

    private SecurityContextValidation() {
    }

    static List<FieldError> container(JsonNode sc, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (sc == null || !sc.isObject()) {
            return errs;
        }
        id(sc, "runAsUser", path, errs);
        id(sc, "runAsGroup", path, errs);
        if (Fields.has(sc, "procMount")) {
            String procMount = Fields.text(sc, "procMount");
            if (!procMount.equals("Default") && !procMount.equals("Unmasked")) {
                errs.add(FieldError.notSupported(path.child("procMount"), procMount, List.of("Default", "Unmasked")));
            }
        }
        errs.addAll(seccompProfile(Fields.object(sc, "seccompProfile"), path.child("seccompProfile")));
        return errs;
    }

    static List<FieldError> pod(JsonNode sc, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (sc == null || !sc.isObject()) {
            return errs;
        }
        id(sc, "fsGroup", path, errs);
        id(sc, "runAsUser", path, errs);
        id(sc, "runAsGroup", path, errs);
        List<JsonNode> groups = Fields.list(sc, "supplementalGroups");
        for (int i = 0; i < groups.size(); i++) {
            long gid = groups.get(i).asLong();
            for (String msg : Formats.userOrGroupId(gid)) {
                errs.add(FieldError.invalid(path.child("supplementalGroups").index(i), gid, msg));
            }
        }
        if (Fields.has(sc, "fsGroupChangePolicy")) {
            String policy = Fields.text(sc, "fsGroupChangePolicy");
            List<String> supported = List.of("Always", "OnRootMismatch");
            if (!supported.contains(policy)) {
                errs.add(FieldError.notSupported(path.child("fsGroupChangePolicy"), policy, supported));
            }
        }
        errs.addAll(seccompProfile(Fields.object(sc, "seccompProfile"), path.child("seccompProfile")));
        return errs;
    }

    private static void id(JsonNode sc, String name, FieldPath path, List<FieldError> errs) {
        if (!Fields.has(sc, name)) {
            return;
        }
        long id = Fields.number(sc, name, 0);
        for (String msg : Formats.userOrGroupId(id)) {
            errs.add(FieldError.invalid(path.child(name), id, msg));
        }
    }

    private static List<FieldError> seccompProfile(JsonNode sp, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (sp == null || !sp.isObject()) {
            return errs;
        }
        String type = Fields.text(sp, "type");
        List<String> supported = List.of("Localhost", "RuntimeDefault", "Unconfined");
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), "type is required when seccompProfile is set"));
        } else if (!supported.contains(type)) {
            errs.add(FieldError.notSupported(path.child("type"), type, supported));
        }
        if (type.equals("Localhost") && !Fields.has(sp, "localhostProfile")) {
            errs.add(FieldError.required(path.child("localhostProfile"), "must be set when seccomp type is Localhost"));
        }
        return errs;
    }
}
