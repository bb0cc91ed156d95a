package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A kind with no special rules beyond its name format, generation tracking and status split. */
public class GenericStrategy implements KindStrategy {
    private final NameRule nameRule;
    private final boolean tracksGeneration;
    private final boolean hasStatusSubresource;

    public GenericStrategy(NameRule nameRule, boolean tracksGeneration, boolean hasStatusSubresource) {
        this.nameRule = nameRule;
        this.tracksGeneration = tracksGeneration;
        this.hasStatusSubresource = hasStatusSubresource;
    }

    @Override
    public NameRule nameRule() {
        return nameRule;
    }

    @Override
    public boolean tracksGeneration() {
        return tracksGeneration;
    }

    @Override
    public boolean hasStatusSubresource() {
        return hasStatusSubresource;
    }

    @Override
    public void prepareForCreate(ObjectNode object) {
        if (hasStatusSubresource) {
            object.putObject("status");
        }
    }
}
