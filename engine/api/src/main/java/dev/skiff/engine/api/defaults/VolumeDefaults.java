package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Defaults of a pod volume: a volume with no source is an {@code emptyDir}, file modes of projected files
 * are {@code 0644} (420), a host path has type {@code ""}, and older plugins get their declared defaults.
 */
final class VolumeDefaults {

    /** {@code 0644}, the mode Kubernetes gives files of secret, config map, downward API and projected volumes. */
    static final int DEFAULT_MODE = 0644;
    /** A projected service account token lives an hour unless told. */
    static final int TOKEN_EXPIRATION_SECONDS = 3600;

    /** The members of a {@code VolumeSource} in Kubernetes 1.32. */
    private static final List<String> SOURCES = List.of(
            "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs",
            "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker",
            "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
            "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral",
            "image");

    private VolumeDefaults() {
    }

    static void apply(ObjectNode volume) {
        if (SOURCES.stream().allMatch(source -> Fields.isUnset(volume.get(source)))) {
            volume.putObject("emptyDir");
        }
        if (Fields.object(volume, "emptyDir") instanceof ObjectNode emptyDir) {
            Quantities.canonical(emptyDir, "sizeLimit");
        }
        if (Fields.object(volume, "hostPath") instanceof ObjectNode hostPath) {
            Fields.defaultStringPointer(hostPath, "type", "");
        }
        for (String source : List.of("secret", "configMap")) {
            if (Fields.object(volume, source) instanceof ObjectNode files) {
                Fields.defaultNumberPointer(files, "defaultMode", DEFAULT_MODE);
            }
        }
        if (Fields.object(volume, "downwardAPI") instanceof ObjectNode downwardApi) {
            Fields.defaultNumberPointer(downwardApi, "defaultMode", DEFAULT_MODE);
            downwardApiItems(downwardApi);
        }
        if (Fields.object(volume, "projected") instanceof ObjectNode projected) {
            projected(projected);
        }
        if (Fields.object(volume, "image") instanceof ObjectNode image
                && Fields.isEmptyString(image.get("pullPolicy"))) {
            image.put("pullPolicy", ImagePullPolicy.forImage(Fields.text(image, "reference")));
        }
        if (Fields.object(volume, "ephemeral") instanceof ObjectNode ephemeral
                && Fields.object(ephemeral, "volumeClaimTemplate") instanceof ObjectNode template) {
            PersistentVolumeClaims.spec(Fields.objectOrNew(template, "spec"));
        }
        legacyPlugins(volume);
    }

    private static void projected(ObjectNode projected) {
        Fields.defaultNumberPointer(projected, "defaultMode", DEFAULT_MODE);
        for (ObjectNode source : Fields.objects(projected, "sources")) {
            if (Fields.object(source, "downwardAPI") instanceof ObjectNode downwardApi) {
                downwardApiItems(downwardApi);
            }
            if (Fields.object(source, "serviceAccountToken") instanceof ObjectNode token) {
                Fields.defaultNumberPointer(token, "expirationSeconds", TOKEN_EXPIRATION_SECONDS);
            }
        }
    }

    private static void downwardApiItems(ObjectNode downwardApi) {
        for (ObjectNode item : Fields.objects(downwardApi, "items")) {
            ContainerDefaults.fieldRef(item);
        }
    }

    /** Defaults declared on the in-tree storage plugins' types. */
    private static void legacyPlugins(ObjectNode volume) {
        if (Fields.object(volume, "iscsi") instanceof ObjectNode iscsi) {
            Fields.defaultString(iscsi, "iscsiInterface", "default");
        }
        if (Fields.object(volume, "rbd") instanceof ObjectNode rbd) {
            Fields.defaultString(rbd, "pool", "rbd");
            Fields.defaultString(rbd, "user", "admin");
            Fields.defaultString(rbd, "keyring", "/etc/ceph/keyring");
        }
        if (Fields.object(volume, "azureDisk") instanceof ObjectNode azureDisk) {
            Fields.defaultStringPointer(azureDisk, "cachingMode", "ReadWrite");
            Fields.defaultStringPointer(azureDisk, "fsType", "ext4");
            Fields.defaultBooleanPointer(azureDisk, "readOnly", false);
            Fields.defaultStringPointer(azureDisk, "kind", "Shared");
        }
        if (Fields.object(volume, "scaleIO") instanceof ObjectNode scaleIo) {
            Fields.defaultString(scaleIo, "storageMode", "ThinProvisioned");
            Fields.defaultString(scaleIo, "fsType", "xfs");
        }
    }
}
