package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the {@code apps/v1} workloads, each including its pod template's PodSpec. */
final class AppsDefaults {

    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String QUARTER = "25%";
    static final int REVISION_HISTORY_LIMIT = 10;
    static final int PROGRESS_DEADLINE_SECONDS = 600;
    static final String RETAIN = "Retain";

    private AppsDefaults() {
    }

    /**
     * One replica, a rolling update that may add and remove a quarter of the replicas at a time, ten old
     * ReplicaSets kept, and progress reported as stalled after ten minutes.
     */
    static void deployment(ObjectNode deployment) {
        ObjectNode spec = Fields.objectOrNew(deployment, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultNumberPointer(spec, "replicas", 1);
        ObjectNode strategy = Fields.objectOrNew(spec, "strategy");
        if (strategy != null) {
            Fields.defaultString(strategy, "type", ROLLING_UPDATE);
            if (Fields.text(strategy, "type").equals(ROLLING_UPDATE)
                    && Fields.objectOrNew(strategy, "rollingUpdate") instanceof ObjectNode rollingUpdate) {
                Fields.defaultStringPointer(rollingUpdate, "maxUnavailable", QUARTER);
                Fields.defaultStringPointer(rollingUpdate, "maxSurge", QUARTER);
            }
        }
        Fields.defaultNumberPointer(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
        Fields.defaultNumberPointer(spec, "progressDeadlineSeconds", PROGRESS_DEADLINE_SECONDS);
        PodSpecDefaults.template(spec);
    }

    static void replicaSet(ObjectNode replicaSet) {
        ObjectNode spec = Fields.objectOrNew(replicaSet, "spec");
        if (spec != null) {
            Fields.defaultNumberPointer(spec, "replicas", 1);
            PodSpecDefaults.template(spec);
        }
    }

    /**
     * One replica started in order, rolling updates from partition 0, claims retained when the set is
     * deleted or scaled down, and ten old revisions kept.
     */
    static void statefulSet(ObjectNode statefulSet) {
        ObjectNode spec = Fields.objectOrNew(statefulSet, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultString(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Fields.objectOrNew(spec, "updateStrategy");
        if (strategy != null) {
            // Only a strategy left entirely to Kubernetes gets a rollingUpdate block created.
            if (Fields.isEmptyString(strategy.get("type"))) {
                strategy.put("type", ROLLING_UPDATE);
                Fields.objectOrNew(strategy, "rollingUpdate");
            }
            if (Fields.text(strategy, "type").equals(ROLLING_UPDATE)
                    && Fields.object(strategy, "rollingUpdate") instanceof ObjectNode rollingUpdate) {
                Fields.defaultNumberPointer(rollingUpdate, "partition", 0);
            }
        }
        if (Fields.objectOrNew(spec, "persistentVolumeClaimRetentionPolicy") instanceof ObjectNode retention) {
            Fields.defaultString(retention, "whenDeleted", RETAIN);
            Fields.defaultString(retention, "whenScaled", RETAIN);
        }
        Fields.defaultNumberPointer(spec, "replicas", 1);
        Fields.defaultNumberPointer(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
        PodSpecDefaults.template(spec);
        for (ObjectNode claim : Fields.objects(spec, "volumeClaimTemplates")) {
            PersistentVolumeClaims.claim(claim);
        }
    }

    /** Rolling updates one node at a time without surge, and ten old revisions kept. */
    static void daemonSet(ObjectNode daemonSet) {
        ObjectNode spec = Fields.objectOrNew(daemonSet, "spec");
        if (spec == null) {
            return;
        }
        ObjectNode strategy = Fields.objectOrNew(spec, "updateStrategy");
        if (strategy != null) {
            Fields.defaultString(strategy, "type", ROLLING_UPDATE);
            if (Fields.text(strategy, "type").equals(ROLLING_UPDATE)
                    && Fields.objectOrNew(strategy, "rollingUpdate") instanceof ObjectNode rollingUpdate) {
                Fields.defaultNumberPointer(rollingUpdate, "maxUnavailable", 1);
                Fields.defaultNumberPointer(rollingUpdate, "maxSurge", 0);
            }
        }
        Fields.defaultNumberPointer(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
        PodSpecDefaults.template(spec);
    }
}
