package dev.skiff.engine.api.registry;

import java.util.ArrayList;
import java.util.List;

/** Warnings gathered while handling one request; sent to the client as {@code Warning} headers. */
public final class Warnings {
    private final List<String> messages = new ArrayList<>();

    public void add(String message) {
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
