package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.resource.Quantity;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's {@code volumes}: unique DNS-label names and exactly one source each ({@code must specify a volume
 * type}, {@code may not specify more than 1 volume type}), with the common sources checked in depth. Only volumes
 * without errors can be mounted, as in Kubernetes.
 */
final class VolumeValidation {

    /** The volumes that passed, by name, and the errors of those that did not. */
    record Result(Map<String, JsonNode> volumes, List<FieldError> errors) {
    }

    /** Source field in JSON, and the name Kubernetes prints in the "more than 1 volume type" path. */
    private record Source(String json, String printed) {
    }

    // Kubernetes' order; two printed names differ from the JSON ones (its own typos, kept for fidelity).
    private static final List<Source> SOURCES = List.of(
            new Source("emptyDir", "emptyDir"), new Source("hostPath", "hostPath"), new Source("gitRepo", "gitRepo"),
            new Source("gcePersistentDisk", "gcePersistentDisk"),
            new Source("awsElasticBlockStore", "awsElasticBlockStore"), new Source("secret", "secret"),
            new Source("nfs", "nfs"), new Source("iscsi", "iscsi"), new Source("glusterfs", "glusterfs"),
            new Source("flocker", "flocker"), new Source("persistentVolumeClaim", "persistentVolumeClaim"),
            new Source("rbd", "rbd"), new Source("cinder", "cinder"), new Source("cephfs", "cephFS"),
            new Source("quobyte", "quobyte"), new Source("downwardAPI", "downwarAPI"), new Source("fc", "fc"),
            new Source("flexVolume", "flexVolume"), new Source("configMap", "configMap"),
            new Source("azureFile", "azureFile"), new Source("vsphereVolume", "vsphereVolume"),
            new Source("photonPersistentDisk", "photonPersistentDisk"),
            new Source("portworxVolume", "portworxVolume"), new Source("azureDisk", "azureDisk"),
            new Source("storageos", "storageos"), new Source("projected", "projected"),
            new Source("scaleIO", "scaleIO"), new Source("csi", "csi"), new Source("ephemeral", "ephemeral"),
            new Source("image", "image"));

    private static final String FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
    private static final List<String> HOST_PATH_TYPES = List.of(
            "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket");

    private VolumeValidation() {
    }

    static Result validate(List<JsonNode> volumes, FieldPath path) {
        Map<String, JsonNode> valid = new LinkedHashMap<>();
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode vol = volumes.get(i);
            FieldPath at = path.index(i);
            String name = Fields.text(vol, "name");
            List<FieldError> el = new ArrayList<>(source(vol, at));
            if (name.isEmpty()) {
                el.add(FieldError.required(at.child("name"), ""));
            } else {
                for (String msg : Formats.dns1123Label(name)) {
                    el.add(FieldError.invalid(at.child("name"), name, msg));
                }
            }
            if (valid.containsKey(name)) {
                el.add(FieldError.duplicate(at.child("name"), name));
            }
            if (el.isEmpty()) {
                valid.put(name, vol);
            } else {
                errs.addAll(el);
            }
        }
        return new Result(valid, errs);
    }

    private static List<FieldError> source(JsonNode vol, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        for (Source s : SOURCES) {
            if (!Fields.has(vol, s.json())) {
                continue;
            }
            if (count > 0) {
                errs.add(FieldError.forbidden(path.child(s.printed()), "may not specify more than 1 volume type"));
                continue;
            }
            count++;
            errs.addAll(sourceDetail(s.json(), vol.get(s.json()), path.child(s.json())));
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        }
        return errs;
    }

    private static List<FieldError> sourceDetail(String kind, JsonNode src, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        switch (kind) {
            case "emptyDir" -> {
                Optional<Quantity> limit = Quantity.of(src.get("sizeLimit"));
                if (limit.isPresent() && limit.get().signum() < 0) {
                    errs.add(FieldError.forbidden(path.child("sizeLimit"),
                            "SizeLimit field must be a valid resource quantity"));
                }
            }
            case "hostPath" -> {
                String p = Fields.text(src, "path");
                if (p.isEmpty()) {
                    errs.add(FieldError.required(path.child("path"), ""));
                    return errs;
                }
                errs.addAll(noBacksteps(p, path.child("path")));
                if (Fields.has(src, "type") && !HOST_PATH_TYPES.contains(Fields.text(src, "type"))) {
                    errs.add(FieldError.notSupported(path.child("type"), Fields.text(src, "type"), HOST_PATH_TYPES));
                }
            }
            case "secret" -> {
                if (Fields.text(src, "secretName").isEmpty()) {
                    errs.add(FieldError.required(path.child("secretName"), ""));
                }
                errs.addAll(fileMode(src, "defaultMode", path));
                errs.addAll(keysToPaths(src, path.child("items")));
            }
            case "configMap" -> {
                if (Fields.text(src, "name").isEmpty()) {
                    errs.add(FieldError.required(path.child("name"), ""));
                }
                errs.addAll(fileMode(src, "defaultMode", path));
                errs.addAll(keysToPaths(src, path.child("items")));
            }
            case "persistentVolumeClaim" -> {
                if (Fields.text(src, "claimName").isEmpty()) {
                    errs.add(FieldError.required(path.child("claimName"), ""));
                }
            }
            case "nfs" -> {
                if (Fields.text(src, "server").isEmpty()) {
                    errs.add(FieldError.required(path.child("server"), ""));
                }
                String p = Fields.text(src, "path");
                if (p.isEmpty()) {
                    errs.add(FieldError.required(path.child("path"), ""));
                }
                if (!p.startsWith("/")) {
                    errs.add(FieldError.invalid(path.child("path"), p, "must be an absolute path"));
                }
            }
            case "downwardAPI" -> {
                errs.addAll(fileMode(src, "defaultMode", path));
                // Kubernetes reports the items' errors at the source's own path, without an index.
                for (JsonNode file : Fields.list(src, "items")) {
                    errs.addAll(downwardApiFile(file, path));
                }
            }
            case "projected" -> errs.addAll(fileMode(src, "defaultMode", path));
            case "csi" -> {
                String driver = Fields.text(src, "driver");
                if (driver.isEmpty()) {
                    errs.add(FieldError.required(path.child("driver"), ""));
                }
                if (driver.length() > 63) {
                    errs.add(FieldError.tooLong(path.child("driver"), 63));
                }
                for (String msg : Formats.dns1123Subdomain(driver.toLowerCase(java.util.Locale.ROOT))) {
                    errs.add(FieldError.invalid(path.child("driver"), driver, msg));
                }
            }
            case "ephemeral" -> {
                if (!Fields.has(src, "volumeClaimTemplate")) {
                    errs.add(FieldError.required(path.child("volumeClaimTemplate"), ""));
                }
            }
            case "gitRepo" -> {
                if (Fields.text(src, "repository").isEmpty()) {
                    errs.add(FieldError.required(path.child("repository"), ""));
                }
                errs.addAll(localDescendingPath(Fields.text(src, "directory"), path.child("directory")));
            }
            default -> {
                // Cloud and network volume plugins are accepted as given: Skiff cannot mount them anyway.
            }
        }
        return errs;
    }

    private static List<FieldError> downwardApiFile(JsonNode file, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String p = Fields.text(file, "path");
        if (p.isEmpty()) {
            errs.add(FieldError.required(path.child("path"), ""));
        }
        errs.addAll(localNonReservedPath(p, path.child("path")));
        boolean fieldRef = Fields.has(file, "fieldRef");
        boolean resourceRef = Fields.has(file, "resourceFieldRef");
        if (fieldRef && resourceRef) {
            errs.add(FieldError.invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
        } else if (!fieldRef && !resourceRef) {
            errs.add(FieldError.required(path, "one of fieldRef and resourceFieldRef is required"));
        }
        errs.addAll(fileMode(file, "mode", path));
        return errs;
    }

    private static List<FieldError> keysToPaths(JsonNode src, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<JsonNode> items = Fields.list(src, "items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode kp = items.get(i);
            FieldPath at = path.index(i);
            if (Fields.text(kp, "key").isEmpty()) {
                errs.add(FieldError.required(at.child("key"), ""));
            }
            String p = Fields.text(kp, "path");
            if (p.isEmpty()) {
                errs.add(FieldError.required(at.child("path"), ""));
            }
            errs.addAll(localNonReservedPath(p, at.child("path")));
            errs.addAll(fileMode(kp, "mode", at));
        }
        return errs;
    }

    private static List<FieldError> fileMode(JsonNode node, String name, FieldPath path) {
        if (!Fields.has(node, name)) {
            return List.of();
        }
        long mode = Fields.number(node, name, 0);
        if (mode > 0777 || mode < 0) {
            return List.of(FieldError.invalid(path.child(name), mode, FILE_MODE_ERROR));
        }
        return List.of();
    }

    /** {@code ValidateLocalNonReservedPath}. */
    static List<FieldError> localNonReservedPath(String target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(localDescendingPath(target, path));
        if (target.startsWith("..") && !target.startsWith("../")) {
            errs.add(FieldError.invalid(path, target, "must not start with '..'"));
        }
        return errs;
    }

    /** {@code validateLocalDescendingPath}: relative, without {@code ..} elements. */
    static List<FieldError> localDescendingPath(String target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (target.startsWith("/")) {
            errs.add(FieldError.invalid(path, target, "must be a relative path"));
        }
        errs.addAll(noBacksteps(target, path));
        return errs;
    }

    private static List<FieldError> noBacksteps(String target, FieldPath path) {
        for (String part : target.split("/", -1)) {
            if (part.equals("..")) {
                return List.of(FieldError.invalid(path, target, "must not contain '..'"));
            }
        }
        return List.of();
    }
}
