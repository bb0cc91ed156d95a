package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.strategy.KindStrategy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks every object's metadata as Kubernetes' ObjectMeta validation does: name, labels, annotations. */
final class MetadataValidation {
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
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
            if (value.length() > 63) {
                causes.add(invalid("metadata.labels", value, "must be no more than 63 characters"));
            }
            if (!LABEL_VALUE.matcher(value).matches()) {
                causes.add(invalid("metadata.labels", value, "a valid label must be an empty string or consist "
                        + "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
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
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()) {
                causes.add(invalid(field, key, "prefix part must be non-empty"));
            } else if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                causes.add(invalid(field, key, "prefix part a lowercase RFC 1123 subdomain must consist of lower "
                        + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
            }
        }
        if (name.isEmpty()) {
            causes.add(invalid(field, key, "name part must be non-empty"));
        } else if (name.length() > 63) {
            causes.add(invalid(field, key, "name part must be no more than 63 characters"));
        } else if (!QUALIFIED_NAME.matcher(name).matches()) {
            causes.add(invalid(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                    + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
        }
    }

    private static Status.Cause invalid(String field, String value, String detail) {
        return new Status.Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }
}
