package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.resource.Quantity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code apiequality.Semantic.DeepEqual} over JSON: an absent field equals its zero value (null,
 * {@code ""}, {@code 0}, {@code false}, an empty list or map), and resource quantities compare by amount
 * ({@code 1} equals {@code 1000m}). Also lists the differing paths for messages that show a diff.
 */
final class Semantics {

    private static final Set<String> QUANTITY_MAPS = Set.of(
            "limits", "requests", "capacity", "allocatable", "overhead", "hard", "used");

    private Semantics() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        return equal(a, b, "");
    }

    private static boolean equal(JsonNode a, JsonNode b, String parentKey) {
        boolean zeroA = isZero(a);
        boolean zeroB = isZero(b);
        if (zeroA || zeroB) {
            return zeroA && zeroB;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode va = a.get(key);
                JsonNode vb = b.get(key);
                if (QUANTITY_MAPS.contains(parentKey) || key.equals("sizeLimit")) {
                    if (!sameQuantity(va, vb)) {
                        return false;
                    }
                } else if (!equal(va, vb, key)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i), parentKey)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean sameQuantity(JsonNode a, JsonNode b) {
        if (isZero(a) || isZero(b)) {
            return isZero(a) && isZero(b);
        }
        Optional<Quantity> qa = Quantity.of(a);
        Optional<Quantity> qb = Quantity.of(b);
        if (qa.isPresent() && qb.isPresent()) {
            return qa.get().compareTo(qb.get()) == 0;
        }
        return a.equals(b);
    }

    /** Whether a value is Go's zero value as it appears (or not) in JSON. */
    static boolean isZero(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        if (node.isContainerNode()) {
            return node.isEmpty();
        }
        if (node.isTextual()) {
            return node.asText().isEmpty();
        }
        if (node.isNumber()) {
            return node.decimalValue().signum() == 0;
        }
        if (node.isBoolean()) {
            return !node.asBoolean();
        }
        return false;
    }

    /**
     * The fields that differ, one {@code -} line for the old value and one {@code +} line for the new value per
     * field, in the spirit of the {@code cmp.Diff} text Kubernetes appends (whose exact layout Go randomizes).
     */
    static String diff(JsonNode old, JsonNode updated, String path) {
        StringBuilder out = new StringBuilder();
        diff(old, updated, path, out);
        return out.toString();
    }

    private static void diff(JsonNode a, JsonNode b, String path, StringBuilder out) {
        if (equal(a, b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(a.get(key), b.get(key), path + "." + key, out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        out.append("- ").append(path).append(": ").append(show(a)).append('\n');
        out.append("+ ").append(path).append(": ").append(show(b)).append('\n');
    }

    private static String show(JsonNode node) {
        return isZero(node) && (node == null || node.isNull() || node.isMissingNode()) ? "<unset>" : node.toString();
    }

    /** Copies of a few list helpers the update rules need. */
    static boolean containsEqual(List<JsonNode> list, JsonNode item) {
        for (JsonNode candidate : list) {
            if (equal(candidate, item)) {
                return true;
            }
        }
        return false;
    }
}
