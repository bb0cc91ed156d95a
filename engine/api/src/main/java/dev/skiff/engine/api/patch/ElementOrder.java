package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Order of merged lists, as Kubernetes sets it: the elements the patch names come in the patch's order (or
 * that of {@code $setElementOrder/<list>}), and the live list's other elements keep their relative order,
 * each placed before the first named element that it preceded in the live list. An element new to the list
 * is not appended: it goes where the patch names it, so a patch that only adds an element puts it first.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * Applies every {@code $setElementOrder/<list>} of a patch object to the result, merging the patch's
     * list of the same name on the way.
     *
     * @return the names of the lists it merged, which the caller must not merge again
     */
    static Set<String> applySetElementOrders(ObjectNode result, ObjectNode patch, PatchSchema schema) {
        Set<String> merged = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String listName = Directives.setElementOrderTarget(entry.getKey()).orElse(null);
            if (listName != null && setElementOrder(result, listName, entry.getValue(), patch.get(listName),
                    schema.field(listName))) {
                merged.add(listName);
            }
        }
        return merged;
    }

    private static boolean setElementOrder(ObjectNode result, String listName, JsonNode order, JsonNode patchList,
                                           PatchField field) {
        if (!order.isArray()) {
            throw new PatchException("invalid patch format of setElementOrder list: "
                    + Directives.SET_ELEMENT_ORDER + "/" + listName + " must be a list");
        }
        if (patchList != null && !patchList.isArray()) {
            throw new PatchException("expected a list for " + listName + " next to its "
                    + Directives.SET_ELEMENT_ORDER + ", but received " + patchList);
        }
        JsonNode current = result.get(listName);
        ArrayNode live = current != null && current.isArray() ? (ArrayNode) current : null;
        if (live == null && patchList == null) {
            return false;
        }
        String mergeKey = field.mergeKey();
        if (patchList != null) {
            checkConsistent((ArrayNode) patchList, (ArrayNode) order, mergeKey, listName);
        }
        // Keys of the live list before merging: they decide where its leftover elements go.
        List<JsonNode> liveKeys = live == null ? List.of() : ListElements.keys(live, mergeKey);
        ArrayNode merged;
        if (patchList == null) {
            merged = live;
        } else if (live == null) {
            merged = StrategicMergePatch.freshList((ArrayNode) patchList, field);
        } else {
            merged = StrategicMergePatch.mergeList(live, (ArrayNode) patchList, field, listName);
        }
        List<JsonNode> orderKeys = ListElements.keys(order, mergeKey);
        result.set(listName, toArray(arrange(list(merged), orderKeys, liveKeys, mergeKey)));
        return true;
    }

    /**
     * Orders merged elements: those named in {@code patchKeys} in that order, the others in the order of
     * {@code liveKeys}, interleaved by their live positions.
     */
    static List<JsonNode> arrange(List<JsonNode> merged, List<JsonNode> patchKeys, List<JsonNode> liveKeys,
                                  String mergeKey) {
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> liveOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            (ListElements.contains(patchKeys, ListElements.key(element, mergeKey)) ? fromPatch : liveOnly).add(element);
        }
        fromPatch.sort(byPositionIn(patchKeys, mergeKey));
        liveOnly.sort(byPositionIn(liveKeys, mergeKey));

        List<JsonNode> ordered = new ArrayList<>(merged.size());
        int l = 0;
        int p = 0;
        while (l < liveOnly.size() && p < fromPatch.size()) {
            int liveIndex = ListElements.indexOf(liveKeys, ListElements.key(liveOnly.get(l), mergeKey));
            int patchIndex = ListElements.indexOf(liveKeys, ListElements.key(fromPatch.get(p), mergeKey));
            boolean liveFirst = liveIndex >= 0 && patchIndex >= 0 && liveIndex < patchIndex;
            ordered.add(liveFirst ? liveOnly.get(l++) : fromPatch.get(p++));
        }
        ordered.addAll(liveOnly.subList(l, liveOnly.size()));
        ordered.addAll(fromPatch.subList(p, fromPatch.size()));
        return ordered;
    }

    /**
     * Checks that the patch list names its elements in the same relative order as {@code $setElementOrder}
     * and names none that it lacks (elements deleted by {@code $patch: delete} aside).
     */
    static void checkConsistent(ArrayNode patchList, ArrayNode order, String mergeKey, String listName) {
        if (patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode element : patchList) {
            if (!(element.isObject() && element.has(Directives.PATCH))) {
                named.add(element);
            }
        }
        int p = 0;
        for (int o = 0; o < order.size() && p < named.size(); o++) {
            if (ListElements.same(ListElements.key(named.get(p), mergeKey), ListElements.key(order.get(o), mergeKey))) {
                p++;
            }
        }
        if (p < named.size()) {
            throw new PatchException("the order in patch list " + patchList + " doesn't match "
                    + Directives.SET_ELEMENT_ORDER + "/" + listName + " list " + order);
        }
    }

    private static Comparator<JsonNode> byPositionIn(List<JsonNode> keys, String mergeKey) {
        return Comparator.comparingInt(element -> {
            int index = ListElements.indexOf(keys, ListElements.key(element, mergeKey));
            return index < 0 ? Integer.MAX_VALUE : index;
        });
    }

    static List<JsonNode> list(ArrayNode array) {
        List<JsonNode> elements = new ArrayList<>(array.size());
        array.forEach(elements::add);
        return elements;
    }

    static ArrayNode toArray(List<JsonNode> elements) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
        array.addAll(elements);
        return array;
    }
}
