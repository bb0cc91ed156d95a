package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes from a merged object the fields an applier stopped applying: a field, list item or
 * set item is removed (with everything below it) when the applier's previous apply set it and no
 * manager, the applier's new apply included, owns it now. A field counts as owned if a manager
 * owns it or, for an object field, anything below it; a list item only if it is owned itself.
 * Objects and lists left empty by a removal are removed too.
 */
final class Pruning {

    private Pruning() {}

    /** Prunes {@code merged} in place. */
    static void prune(TypeSchema root, ObjectNode merged, FieldSet previouslyApplied, FieldSet ownedNow) {
        if (previouslyApplied.isEmpty()) {
            return;
        }
        pruneBelow(root, merged, FieldPath.ROOT, previouslyApplied, ownedNow);
    }

    /** Prunes the children of {@code node}; returns whether it lost something. */
    private static boolean pruneBelow(TypeSchema schema, JsonNode node, FieldPath path, FieldSet last, FieldSet owned) {
        boolean changed = false;
        switch (Shape.of(schema, node)) {
            case OBJECT -> {
                ObjectNode object = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    FieldPath child = path.child(name);
                    if (!last.has(child) && !last.hasPathsBelow(child)) {
                        continue;
                    }
                    boolean ownedField = owned.has(child) || owned.hasPathsBelow(child);
                    if (!ownedField) {
                        object.remove(name);
                        changed = true;
                    } else if (pruneBelow(Shape.fieldOf(schema, name), object.get(name), child, last, owned)) {
                        changed = true;
                        if (isEmpty(object.get(name))) {
                            object.remove(name);
                        }
                    }
                }
            }
            case LIST -> {
                ArrayNode array = (ArrayNode) node;
                TypeSchema element = Shape.elementOf(schema);
                for (int i = array.size() - 1; i >= 0; i--) {
                    FieldPath child = path.child(ListItems.identify(schema, array.get(i)).element());
                    if (!last.has(child) && !last.hasPathsBelow(child)) {
                        continue;
                    }
                    if (last.has(child) && !owned.has(child)) {
                        array.remove(i);
                        changed = true;
                    } else if (pruneBelow(element, array.get(i), child, last, owned)) {
                        changed = true;
                    }
                }
            }
            case LEAF -> {
                // Nothing below a leaf.
            }
        }
        return changed;
    }

    private static boolean isEmpty(JsonNode node) {
        return (node.isObject() || node.isArray()) && node.isEmpty();
    }
}
