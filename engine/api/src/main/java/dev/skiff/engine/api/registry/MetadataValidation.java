package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.strategy.KindStrategy;
import dev.skiff.engine.api.text.Formats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Checks every object's metadata as Kubernetes' ObjectMeta validation does: name, labels, annotations. */
final class MetadataValidation {
    private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private MetadataValidation() {
    }

    static List<Status.Cause> validate(ResourceType type, KindStrategy strategy, ObjectNode object) {
        List<Status.Cause> causes = new ArrayList<>();
        JsonNode meta = object.path("metadata");
        String name = meta.path("name").asText("");
        for (String problem : strategy.nameRule().problems(name)) {
            causes.add(invalid("metadata.name", name, problem));
        }
        JsonNode labels = meta.path("labels");
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            checkQualifiedName("metadata.labels", label.getKey(), causes);
            String value = label.getValue().asText("");
            for (String problem : Formats.labelValue(value)) {
                causes.add(invalid("metadata.labels", value, problem));
            }
        }
        long annotationBytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.path("annotations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            checkQualifiedName("metadata.annotations", a.getKey().toLowerCase(), causes);
            annotationBytes += a.getKey().length() + a.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        if (annotationBytes > MAX_ANNOTATIONS_BYTES) {
            causes.add(new Status.Cause("FieldValueTooLong", "Too long: must have at most " + MAX_ANNOTATIONS_BYTES
                    + " bytes", "metadata.annotations"));
        }
        return causes;
    }

    private static void checkQualifiedName(String field, String key, List<Status.Cause> causes) {
        for (String problem : Formats.qualifiedName(key)) {
            causes.add(invalid(field, key, problem));
        }
    }

    private static Status.Cause invalid(String field, String value, String detail) {
        return new Status.Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }
}
