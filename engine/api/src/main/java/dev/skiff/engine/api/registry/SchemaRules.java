package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import java.util.List;

/**
 * Structural rules for kinds the built-in defaults and validation do not know (custom resources, whose
 * schema comes from their CRD): pruning of unknown fields, defaults from the schema, and validation.
 */
public interface SchemaRules {

    /** Removes fields the schema does not declare and fills its defaults; returns the removed field paths. */
    List<String> pruneAndDefault(ResourceType type, ObjectNode object);

    /** The schema violations of the object, as Status causes. */
    List<Status.Cause> validate(ResourceType type, ObjectNode object);

    /** No rules at all. */
    SchemaRules NONE = new SchemaRules() {
        @Override
        public List<String> pruneAndDefault(ResourceType type, ObjectNode object) {
            return List.of();
        }

        @Override
        public List<Status.Cause> validate(ResourceType type, ObjectNode object) {
            return List.of();
        }
    };
}
