package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Object metadata as Go sees it in a review's "metadata must be empty" check: which fields count as set
 * ({@code apiequality.Semantic.DeepEqual} with an empty {@code ObjectMeta}, managedFields aside), and the
 * {@code %#v} text Kubernetes prints as the invalid value. Pointers print as a made-up address, as Go's would
 * differ from run to run anyway.
 */
final class GoObjectMeta {
    private static final String SOME_ADDRESS = "0xc000000000";

    private GoObjectMeta() {
    }

    static boolean isEmpty(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return true;
        }
        for (String field : List.of("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion",
                "generation", "creationTimestamp", "labels", "annotations", "ownerReferences", "finalizers")) {
            if (isSet(metadata.get(field))) {
                return false;
            }
        }
        // Pointers: any value, even 0, differs from nil.
        return absent(metadata.get("deletionTimestamp")) && absent(metadata.get("deletionGracePeriodSeconds"));
    }

    static String render(JsonNode m) {
        List<String> fields = new ArrayList<>();
        for (String[] f : new String[][] {{"Name", "name"}, {"GenerateName", "generateName"},
                {"Namespace", "namespace"}, {"SelfLink", "selfLink"}, {"UID", "uid"},
                {"ResourceVersion", "resourceVersion"}}) {
            fields.add(f[0] + ":" + GoQuote.quote(text(m.get(f[1]))));
        }
        fields.add("Generation:" + m.path("generation").asLong(0));
        fields.add("CreationTimestamp:" + time(m.get("creationTimestamp")));
        fields.add("DeletionTimestamp:" + (absent(m.get("deletionTimestamp")) ? "<nil>" : time(m.get("deletionTimestamp"))));
        fields.add("DeletionGracePeriodSeconds:(*int64)("
                + (absent(m.get("deletionGracePeriodSeconds")) ? "nil" : SOME_ADDRESS) + ")");
        fields.add("Labels:" + stringMap(m.get("labels")));
        fields.add("Annotations:" + stringMap(m.get("annotations")));
        fields.add("OwnerReferences:" + ownerReferences(m.get("ownerReferences")));
        fields.add("Finalizers:" + (absent(m.get("finalizers")) ? "[]string(nil)" : GoQuote.stringSlice(strings(m.get("finalizers")))));
        fields.add("ManagedFields:" + managedFields(m.get("managedFields")));
        return "v1.ObjectMeta{" + String.join(", ", fields) + "}";
    }

    private static boolean isSet(JsonNode v) {
        if (absent(v)) {
            return false;
        }
        if (v.isTextual()) {
            return !v.asText().isEmpty();
        }
        if (v.isNumber()) {
            return v.asLong() != 0;
        }
        if (v.isContainerNode()) {
            return !v.isEmpty();
        }
        return true;
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private static String text(JsonNode v) {
        return absent(v) ? "" : v.asText();
    }

    // Go's time.Time.GoString; metav1.Time decodes into the server's local zone, which prints as time.Local.
    private static String time(JsonNode v) {
        if (absent(v)) {
            return "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)";
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v.asText()).withOffsetSameInstant(ZoneOffset.UTC);
            return "time.Date(" + t.getYear() + ", time." + t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT)
                    + ", " + t.getDayOfMonth() + ", " + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond()
                    + ", 0, time.Local)";
        } catch (DateTimeParseException e) {
            return "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)";
        }
    }

    private static String stringMap(JsonNode v) {
        if (absent(v) || !v.isObject()) {
            return "map[string]string(nil)";
        }
        List<String> keys = new ArrayList<>();
        v.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        List<String> entries = new ArrayList<>();
        for (String k : keys) {
            entries.add(GoQuote.quote(k) + ":" + GoQuote.quote(v.get(k).asText()));
        }
        return "map[string]string{" + String.join(", ", entries) + "}";
    }

    private static String ownerReferences(JsonNode v) {
        if (absent(v) || !v.isArray()) {
            return "[]v1.OwnerReference(nil)";
        }
        List<String> refs = new ArrayList<>();
        for (JsonNode r : v) {
            refs.add("v1.OwnerReference{APIVersion:" + GoQuote.quote(text(r.get("apiVersion")))
                    + ", Kind:" + GoQuote.quote(text(r.get("kind"))) + ", Name:" + GoQuote.quote(text(r.get("name")))
                    + ", UID:" + GoQuote.quote(text(r.get("uid"))) + ", Controller:" + boolPointer(r.get("controller"))
                    + ", BlockOwnerDeletion:" + boolPointer(r.get("blockOwnerDeletion")) + "}");
        }
        return "[]v1.OwnerReference{" + String.join(", ", refs) + "}";
    }

    private static String managedFields(JsonNode v) {
        if (absent(v) || !v.isArray()) {
            return "[]v1.ManagedFieldsEntry(nil)";
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode e : v) {
            entries.add("v1.ManagedFieldsEntry{Manager:" + GoQuote.quote(text(e.get("manager")))
                    + ", Operation:" + GoQuote.quote(text(e.get("operation")))
                    + ", APIVersion:" + GoQuote.quote(text(e.get("apiVersion")))
                    + ", Time:" + (absent(e.get("time")) ? "<nil>" : time(e.get("time")))
                    + ", FieldsType:" + GoQuote.quote(text(e.get("fieldsType")))
                    + ", FieldsV1:(*v1.FieldsV1)(" + (absent(e.get("fieldsV1")) ? "nil" : SOME_ADDRESS) + ")"
                    + ", Subresource:" + GoQuote.quote(text(e.get("subresource"))) + "}");
        }
        return "[]v1.ManagedFieldsEntry{" + String.join(", ", entries) + "}";
    }

    private static String boolPointer(JsonNode v) {
        return "(*bool)(" + (absent(v) ? "nil" : SOME_ADDRESS) + ")";
    }

    private static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        v.forEach(s -> out.add(s.asText()));
        return out;
    }
}
