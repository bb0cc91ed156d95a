package dev.skiff.engine.api.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas field management uses, by API group and kind. {@link #builtIn()} knows the built-in
 * kinds Skiff serves; any other kind (a custom resource) gets a deduced schema (objects granular,
 * lists atomic) unless one is added with {@link #with(KindSchema)}. The version is not part of
 * the lookup because the list types of a kind do not change between the versions Skiff serves.
 */
public final class KindSchemas {

    private static final KindSchemas BUILT_IN = new KindSchemas(index(BuiltInSchemas.all()));

    private final Map<String, KindSchema> byGroupKind;

    private KindSchemas(Map<String, KindSchema> byGroupKind) {
        this.byGroupKind = Map.copyOf(byGroupKind);
    }

    public static KindSchemas builtIn() {
        return BUILT_IN;
    }

    /** These schemas plus (or replacing) one kind, e.g. a custom resource with a status subresource. */
    public KindSchemas with(KindSchema kind) {
        Map<String, KindSchema> copy = new HashMap<>(byGroupKind);
        copy.put(key(kind.group(), kind.kind()), kind);
        return new KindSchemas(copy);
    }

    /** The schema for {@code apiVersion} ({@code v1}, {@code apps/v1}, ...) and {@code kind}. */
    public KindSchema forKind(String apiVersion, String kind) {
        String group = groupOf(apiVersion);
        KindSchema known = byGroupKind.get(key(group, kind));
        return known != null ? known : KindSchema.customResource(group, kind, false);
    }

    static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static Map<String, KindSchema> index(List<KindSchema> kinds) {
        Map<String, KindSchema> map = new HashMap<>();
        kinds.forEach(k -> map.put(key(k.group(), k.kind()), k));
        return map;
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }
}
