package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The managers of one object while a write is processed: their entries by identity, decoded from
 * and encoded to {@code metadata.managedFields}.
 */
final class Managers {

    /** Kubernetes keeps at most this many {@code Update} managers; older ones merge into one. */
    static final int MAX_UPDATE_MANAGERS = 10;

    static final String ANCIENT_CHANGES = "ancient-changes";

    private final Map<ManagedFieldsEntry.Key, ManagedFieldsEntry> entries = new LinkedHashMap<>();

    static Managers empty() {
        return new Managers();
    }

    /**
     * Reads {@code metadata.managedFields}.
     *
     * @throws IllegalArgumentException if an entry is not valid
     */
    static Managers decode(JsonNode managedFields) {
        Managers managers = new Managers();
        if (managedFields == null || managedFields.isNull() || managedFields.isMissingNode()) {
            return managers;
        }
        if (!managedFields.isArray()) {
            throw new IllegalArgumentException("metadata.managedFields must be a list");
        }
        for (int i = 0; i < managedFields.size(); i++) {
            ManagedFieldsEntry entry = ManagedFieldsEntry.fromJson(managedFields.get(i), i);
            managers.entries.put(entry.key(), entry);
        }
        return managers;
    }

    /**
     * Whether a write asks to clear the managed fields: an explicitly empty list, or a list with
     * one empty entry.
     */
    static boolean isReset(JsonNode managedFields) {
        if (managedFields == null || !managedFields.isArray()) {
            return false;
        }
        return managedFields.isEmpty()
                || (managedFields.size() == 1 && managedFields.get(0).isObject() && managedFields.get(0).isEmpty());
    }

    Managers copy() {
        Managers copy = new Managers();
        copy.entries.putAll(entries);
        return copy;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Collection<ManagedFieldsEntry> all() {
        return List.copyOf(entries.values());
    }

    ManagedFieldsEntry get(ManagedFieldsEntry.Key key) {
        return entries.get(key);
    }

    void put(ManagedFieldsEntry entry) {
        entries.put(entry.key(), entry);
    }

    void remove(ManagedFieldsEntry.Key key) {
        entries.remove(key);
    }

    /** Every field owned by some manager. */
    FieldSet union() {
        FieldSet all = FieldSet.empty();
        for (ManagedFieldsEntry entry : entries.values()) {
            all = all.union(entry.fields());
        }
        return all;
    }

    /** Takes {@code lost} away from every manager except {@code except}; removes managers left with nothing. */
    void takeAway(FieldSet lost, ManagedFieldsEntry.Key except) {
        for (ManagedFieldsEntry entry : List.copyOf(entries.values())) {
            if (!entry.key().equals(except)) {
                put(entry.withFields(entry.fields().difference(lost)));
            }
        }
        removeEmpty();
    }

    void removeEmpty() {
        entries.values().removeIf(entry -> entry.fields().isEmpty());
    }

    /**
     * Merges the oldest {@code Update} managers into one {@code ancient-changes} manager per API
     * version until at most {@link #MAX_UPDATE_MANAGERS} are left.
     */
    void capUpdateManagers() {
        List<ManagedFieldsEntry> updaters = new ArrayList<>();
        entries.values().stream().filter(e -> e.operation() == ManagedFieldsEntry.Operation.Update).forEach(updaters::add);
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return;
        }
        updaters.sort(Comparator.comparingLong((ManagedFieldsEntry e) -> seconds(e.time()))
                .thenComparing(e -> e.key().identifier()));
        Map<String, ManagedFieldsEntry.Key> firstByVersion = new HashMap<>();
        int remaining = updaters.size();
        for (int i = 0; i < updaters.size() && remaining > MAX_UPDATE_MANAGERS; i++) {
            ManagedFieldsEntry entry = updaters.get(i);
            String version = entry.apiVersion();
            ManagedFieldsEntry.Key bucketKey = ManagedFieldsEntry.Key.of(
                    ANCIENT_CHANGES, ManagedFieldsEntry.Operation.Update, version, null);
            ManagedFieldsEntry.Key first = firstByVersion.get(version);
            if (first == null) {
                firstByVersion.put(version, entry.key());
                continue;
            }
            ManagedFieldsEntry bucket = entries.get(bucketKey);
            if (bucket == null) {
                ManagedFieldsEntry firstEntry = entries.remove(first);
                bucket = new ManagedFieldsEntry(ANCIENT_CHANGES, ManagedFieldsEntry.Operation.Update, version,
                        firstEntry.time(), null, firstEntry.fields());
            }
            entries.remove(entry.key());
            entries.put(bucketKey, bucket.withFields(bucket.fields().union(entry.fields())).withTime(entry.time()));
            remaining--;
        }
    }

    /** The {@code metadata.managedFields} value, sorted as Kubernetes sorts it; null if there are no managers. */
    ArrayNode encode() {
        if (entries.isEmpty()) {
            return null;
        }
        List<ManagedFieldsEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing((ManagedFieldsEntry e) -> e.operation().name())
                .thenComparingLong(e -> seconds(e.time()))
                .thenComparing(ManagedFieldsEntry::manager)
                .thenComparing(ManagedFieldsEntry::apiVersion)
                .thenComparing(e -> e.subresource() == null ? "" : e.subresource()));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        sorted.forEach(e -> out.add(e.toJson()));
        return out;
    }

    private static long seconds(Instant time) {
        return time == null ? 0 : time.getEpochSecond();
    }
}
