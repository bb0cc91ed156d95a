package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Identifies the items of map-lists and sets: the {@code k:}/{@code v:} element of each item, and
 * the structured-merge-diff error message when an item cannot be identified.
 */
final class ListItems {

    private ListItems() {}

    /** The element of {@code item}, or the reason it has none. */
    record Identified(PathElement element, String error) {
        boolean ok() {
            return error == null;
        }
    }

    static Identified identify(TypeSchema list, JsonNode item) {
        return switch (list) {
            case TypeSchema.ListMap map -> identifyByKeys(map, item);
            case TypeSchema.ListSet set -> identifyByValue(item);
            default -> throw new IllegalArgumentException("not an associative list: " + list);
        };
    }

    private static Identified identifyByKeys(TypeSchema.ListMap list, JsonNode item) {
        if (item == null || item.isNull()) {
            return failure("associative list with keys may not have a null element");
        }
        if (!item.isObject()) {
            return failure("associative list with keys may not have non-map elements");
        }
        List<PathElement.KeyField> fields = new ArrayList<>();
        for (String key : list.keys()) {
            JsonNode value = item.get(key);
            if (value != null) {
                fields.add(new PathElement.KeyField(key, value));
            } else if (list.keyDefaults().containsKey(key)) {
                fields.add(new PathElement.KeyField(key, list.keyDefaults().get(key)));
            }
            // A missing key without default is left out: the item is identified by the others.
        }
        if (!list.keys().isEmpty() && fields.isEmpty()) {
            String keys = list.keys().stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(" ", "[", "]"));
            return failure("associative list with keys has an element that omits all key fields " + keys
                    + " (and doesn't have default values for any key fields)");
        }
        return new Identified(new PathElement.Key(fields), null);
    }

    private static Identified identifyByValue(JsonNode item) {
        if (item == null || item.isNull()) {
            return failure("associative list without keys has an element that's an explicit null");
        }
        if (item.isObject()) {
            return failure("associative list without keys has an element that's a map type");
        }
        if (item.isArray()) {
            return failure("not supported: associative list with lists as elements");
        }
        return new Identified(new PathElement.Value(item), null);
    }

    private static Identified failure(String message) {
        return new Identified(null, message);
    }

    /**
     * The items of a list by element, first occurrence first; empty if some item cannot be
     * identified (such a list is then handled as one atomic value). Duplicates are dropped here;
     * see {@link #duplicates}.
     */
    static Optional<Map<PathElement, JsonNode>> index(TypeSchema list, JsonNode array) {
        Map<PathElement, JsonNode> items = new LinkedHashMap<>();
        if (array == null || !array.isArray()) {
            return Optional.of(items);
        }
        for (JsonNode item : array) {
            Identified id = identify(list, item);
            if (!id.ok()) {
                return Optional.empty();
            }
            items.putIfAbsent(id.element(), item);
        }
        return Optional.of(items);
    }

    /** The elements that occur more than once in {@code array}. */
    static List<PathElement> duplicates(TypeSchema list, JsonNode array) {
        Map<PathElement, Integer> counts = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                Identified id = identify(list, item);
                if (id.ok()) {
                    counts.merge(id.element(), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }
}
