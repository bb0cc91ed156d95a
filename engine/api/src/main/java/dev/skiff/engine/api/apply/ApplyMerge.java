package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into a live object: the configuration wins for every leaf it
 * sets, objects are merged field by field, list-maps item by item (by key) and sets by value;
 * atomic lists and maps are replaced. Items keep a stable order: shared items follow the
 * configuration's order, items only in the live object stay where they were.
 */
final class ApplyMerge {

    private ApplyMerge() {}

    /** The merged value; neither argument is modified. */
    static JsonNode merge(TypeSchema schema, JsonNode live, JsonNode config) {
        if (config == null) {
            return live == null ? null : live.deepCopy();
        }
        if (live == null) {
            return config.deepCopy();
        }
        Shape shape = Shape.of(schema, live, config);
        if (shape == Shape.LEAF || (Shape.isEmptyContainer(live) && Shape.isEmptyContainer(config))) {
            return config.deepCopy();
        }
        return shape == Shape.OBJECT ? mergeObjects(schema, live, config) : mergeLists(schema, live, config);
    }

    private static JsonNode mergeObjects(TypeSchema schema, JsonNode live, JsonNode config) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (live.isObject()) {
            for (Map.Entry<String, JsonNode> field : live.properties()) {
                JsonNode configValue = config.isObject() ? config.get(field.getKey()) : null;
                out.set(field.getKey(), merge(Shape.fieldOf(schema, field.getKey()), field.getValue(), configValue));
            }
        }
        if (config.isObject()) {
            for (Map.Entry<String, JsonNode> field : config.properties()) {
                if (!out.has(field.getKey())) {
                    out.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }
        return out;
    }

    /** One list item with its element. */
    private record Item(PathElement element, JsonNode value) {}

    private static JsonNode mergeLists(TypeSchema schema, JsonNode live, JsonNode config) {
        TypeSchema elementSchema = Shape.elementOf(schema);
        List<Item> liveItems = items(schema, live);
        List<Item> configItems = items(schema, config);

        Map<PathElement, JsonNode> liveByElement = new HashMap<>();
        Set<PathElement> duplicatedInLive = new HashSet<>();
        for (Item item : liveItems) {
            if (liveByElement.putIfAbsent(item.element(), item.value()) != null) {
                duplicatedInLive.add(item.element());
            }
        }
        Map<PathElement, JsonNode> configByElement = new HashMap<>();
        configItems.forEach(item -> configByElement.put(item.element(), item.value()));

        // Items of the configuration that the live list also has, in the configuration's order.
        Deque<PathElement> sharedOrder = new ArrayDeque<>();
        configItems.stream().map(Item::element).filter(liveByElement::containsKey).forEach(sharedOrder::add);
        PathElement nextShared = sharedOrder.poll();

        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<PathElement> merged = new HashSet<>();
        int l = 0;
        int r = 0;
        while (l < liveItems.size() || r < configItems.size()) {
            if (l < liveItems.size() && r < configItems.size()) {
                PathElement element = liveItems.get(l).element();
                if (element.equals(configItems.get(r).element())) {
                    merged.add(element);
                    out.add(mergeItem(elementSchema, element, liveByElement, duplicatedInLive, configByElement));
                    l++;
                    r++;
                    nextShared = sharedOrder.poll();
                    continue;
                }
                if (configByElement.containsKey(element) && nextShared != null && !nextShared.equals(element)) {
                    // A shared item that the configuration wants later: it is written when reached there.
                    l++;
                    continue;
                }
            }
            if (l < liveItems.size()) {
                Item item = liveItems.get(l);
                if (!configByElement.containsKey(item.element())) {
                    out.add(item.value().deepCopy());
                    l++;
                    continue;
                } else if (merged.contains(item.element())) {
                    l++;
                }
            }
            if (r < configItems.size()) {
                PathElement element = configItems.get(r).element();
                merged.add(element);
                out.add(mergeItem(elementSchema, element, liveByElement, duplicatedInLive, configByElement));
                r++;
                if (element.equals(nextShared)) {
                    nextShared = sharedOrder.poll();
                }
            }
        }
        return out;
    }

    private static JsonNode mergeItem(TypeSchema elementSchema, PathElement element, Map<PathElement, JsonNode> live,
            Set<PathElement> duplicatedInLive, Map<PathElement, JsonNode> config) {
        // Live duplicates are not merged: the configured item replaces them all.
        JsonNode liveItem = duplicatedInLive.contains(element) ? NullNode.getInstance() : live.get(element);
        return merge(elementSchema, liveItem, config.get(element));
    }

    private static List<Item> items(TypeSchema schema, JsonNode array) {
        List<Item> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode value : array) {
                items.add(new Item(ListItems.identify(schema, value).element(), value));
            }
        }
        return items;
    }
}
