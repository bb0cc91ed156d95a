package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of persistent volume claims, wherever they appear: on their own, as a StatefulSet's
 * {@code volumeClaimTemplates} and inside an ephemeral volume.
 */
final class PersistentVolumeClaims {

    private PersistentVolumeClaims() {
    }

    /** A whole claim: its spec, and a new claim's phase {@code Pending}. */
    static void claim(ObjectNode claim) {
        if (Fields.objectOrNew(claim, "spec") instanceof ObjectNode spec) {
            spec(spec);
        }
        if (Fields.objectOrNew(claim, "status") instanceof ObjectNode status) {
            Fields.defaultString(status, "phase", "Pending");
            Quantities.resourceList(status, "capacity");
            Quantities.resourceList(status, "allocatedResources");
        }
    }

    /** A claim's spec: a file system volume unless a block device is asked for. */
    static void spec(ObjectNode spec) {
        Fields.defaultStringPointer(spec, "volumeMode", "Filesystem");
        Quantities.requirements(spec, "resources");
    }
}
