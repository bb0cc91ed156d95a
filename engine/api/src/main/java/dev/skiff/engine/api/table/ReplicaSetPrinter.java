package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.integer;
import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** ReplicaSets: NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
final class ReplicaSetPrinter extends TablePrinter {

    ReplicaSetPrinter() {
        super(ColumnDefinition.objectName(),
                integer("Desired", "The number of pods the replica set wants."),
                integer("Current", "The number of pods the replica set has created and not yet lost."),
                integer("Ready", "The number of those pods that are ready."),
                ColumnDefinition.age(),
                string("Containers", "Names of each container in the template.").wide(),
                string("Images", "Images referenced by each container in the template.").wide(),
                string("Selector", "The label selector of the pods the replica set manages.").wide());
    }

    @Override
    void print(JsonNode replicaSet, Instant now, Cells cells) {
        JsonNode spec = replicaSet.path("spec");
        JsonNode status = replicaSet.path("status");
        Containers containers = Containers.ofTemplate(spec);
        cells.text(name(replicaSet))
                .integer(Json.number(spec, "replicas"))
                .integer(Json.number(status, "replicas"))
                .integer(Json.number(status, "readyReplicas"))
                .text(age(replicaSet, now))
                .text(containers.names())
                .text(containers.images())
                .text(Selectors.formatLabelSelector(spec.get("selector")));
    }
}
