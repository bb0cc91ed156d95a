package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Jobs: NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}.
 * STATUS is Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that order of precedence.
 */
final class JobPrinter extends TablePrinter {

    JobPrinter() {
        super(ColumnDefinition.objectName(),
                string("Status", "The state of the job, from its conditions."),
                string("Completions", "Succeeded pods out of the completions wanted."),
                string("Duration", "How long the job ran, or has been running."),
                ColumnDefinition.age(),
                string("Containers", "Names of each container in the template.").wide(),
                string("Images", "Images referenced by each container in the template.").wide(),
                string("Selector", "The label selector of the job's pods.").wide());
    }

    @Override
    void print(JsonNode job, Instant now, Cells cells) {
        JsonNode spec = job.path("spec");
        JsonNode status = job.path("status");
        Containers containers = Containers.ofTemplate(spec);
        cells.text(name(job))
                .text(state(job))
                .text(completions(spec, status))
                .text(duration(status, now))
                .text(age(job, now))
                .text(containers.names())
                .text(containers.images())
                .text(Selectors.formatLabelSelector(spec.get("selector")));
    }

    private static String completions(JsonNode spec, JsonNode status) {
        long succeeded = Json.number(status, "succeeded");
        if (Json.present(spec, "completions")) {
            return succeeded + "/" + Json.number(spec, "completions");
        }
        long parallelism = Json.number(spec, "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JsonNode status, Instant now) {
        Instant start = Json.time(status, "startTime");
        if (start == null) {
            return "";
        }
        Instant completion = Json.time(status, "completionTime");
        return HumanDuration.format(Duration.between(start, completion == null ? now : completion));
    }

    private static String state(JsonNode job) {
        JsonNode conditions = Json.at(job, "status", "conditions");
        if (hasCondition(conditions, "Complete")) {
            return "Complete";
        } else if (hasCondition(conditions, "Failed")) {
            return "Failed";
        } else if (Json.present(job, "metadata", "deletionTimestamp")) {
            return "Terminating";
        } else if (hasCondition(conditions, "Suspended")) {
            return "Suspended";
        } else if (hasCondition(conditions, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    // The first condition of the type decides.
    private static boolean hasCondition(JsonNode conditions, String type) {
        for (JsonNode condition : Json.items(conditions)) {
            if (Json.text(condition, "type").equals(type)) {
                return Json.text(condition, "status").equals("True");
            }
        }
        return false;
    }
}
