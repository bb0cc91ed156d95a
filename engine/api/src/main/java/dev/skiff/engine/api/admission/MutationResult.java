package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The object after all mutating webhooks, and the warnings they returned (in call order, without repeats). */
public record MutationResult(ObjectNode object, List<String> warnings) {
    public MutationResult {
        warnings = List.copyOf(warnings);
    }
}
