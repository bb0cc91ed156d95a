package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
final class DeploymentPrinter extends TablePrinter {

    DeploymentPrinter() {
        super(ColumnDefinition.objectName(),
                string("Ready", "Ready pods out of the desired replicas."),
                string("Up-to-date", "Pods that run the current pod template."),
                string("Available", "Pods that have been ready for at least minReadySeconds."),
                ColumnDefinition.age(),
                string("Containers", "Names of each container in the template.").wide(),
                string("Images", "Images referenced by each container in the template.").wide(),
                string("Selector", "The label selector of the pods the deployment manages.").wide());
    }

    @Override
    void print(JsonNode deployment, Instant now, Cells cells) {
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        Containers containers = Containers.ofTemplate(spec);
        cells.text(name(deployment))
                .text(Json.number(status, "readyReplicas") + "/" + Json.number(spec, "replicas"))
                .integer(Json.number(status, "updatedReplicas"))
                .integer(Json.number(status, "availableReplicas"))
                .text(age(deployment, now))
                .text(containers.names())
                .text(containers.images())
                .text(Selectors.selectorString(spec.get("selector")));
    }
}
