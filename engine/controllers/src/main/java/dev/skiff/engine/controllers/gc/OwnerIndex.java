package dev.skiff.engine.controllers.gc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who owns whom, by uid: for each object key its uid and its owners' uids, and for each uid the keys of
 * its dependents. Kept current from the store's events so "which objects does X own" needs no scan.
 */
final class OwnerIndex {
    private final Map<String, String> uidByKey = new HashMap<>();
    private final Map<String, String> keyByUid = new HashMap<>();
    private final Map<String, Set<String>> ownersByKey = new HashMap<>();
    private final Map<String, Set<String>> dependentsByOwner = new HashMap<>();

    synchronized void put(String key, JsonNode object) {
        remove(key);
        String uid = object.path("metadata").path("uid").asText("");
        if (!uid.isEmpty()) {
            uidByKey.put(key, uid);
            keyByUid.put(uid, key);
        }
        Set<String> owners = new HashSet<>();
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            String ownerUid = ref.path("uid").asText("");
            if (!ownerUid.isEmpty()) {
                owners.add(ownerUid);
                dependentsByOwner.computeIfAbsent(ownerUid, u -> new HashSet<>()).add(key);
            }
        }
        if (!owners.isEmpty()) {
            ownersByKey.put(key, owners);
        }
    }

    synchronized void remove(String key) {
        String uid = uidByKey.remove(key);
        if (uid != null && key.equals(keyByUid.get(uid))) {
            keyByUid.remove(uid);
        }
        Set<String> owners = ownersByKey.remove(key);
        if (owners != null) {
            for (String owner : owners) {
                Set<String> deps = dependentsByOwner.get(owner);
                if (deps != null) {
                    deps.remove(key);
                    if (deps.isEmpty()) {
                        dependentsByOwner.remove(owner);
                    }
                }
            }
        }
    }

    synchronized List<String> dependentsOf(String ownerUid) {
        return List.copyOf(dependentsByOwner.getOrDefault(ownerUid, Set.of()));
    }

    /** The keys of the objects that own {@code key} and are still known. */
    synchronized List<String> ownersOf(String key) {
        return ownersByKey.getOrDefault(key, Set.of()).stream().map(keyByUid::get)
                .filter(k -> k != null).toList();
    }
}
