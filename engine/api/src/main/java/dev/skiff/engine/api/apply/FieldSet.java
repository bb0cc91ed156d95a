package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A set of field paths, stored as a tree: at each level the elements that are themselves in the
 * set ("members") and the elements under which deeper paths are in the set ("children"). An
 * element can be both, e.g. a container that a manager owns as a whole and whose image it owns.
 *
 * <p>This is the value of one {@code metadata.managedFields[].fieldsV1}: {@link #toFieldsV1()}
 * writes {@code {"f:spec":{"f:replicas":{}}}} with {@code ".": {}} marking a member that also has
 * children, and {@link #fromFieldsV1(JsonNode)} reads it back. Instances are immutable.
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

    private final TreeSet<PathElement> members;
    private final TreeMap<PathElement, FieldSet> children;

    private FieldSet(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
        this.members = members;
        this.children = children;
    }

    public static FieldSet empty() {
        return EMPTY;
    }

    public static FieldSet of(FieldPath... paths) {
        return of(List.of(paths));
    }

    public static FieldSet of(Collection<FieldPath> paths) {
        Builder builder = new Builder();
        paths.forEach(builder::insert);
        return builder.build();
    }

    /** Collects paths into a set. */
    public static final class Builder {
        private final TreeSet<PathElement> members = new TreeSet<>();
        private final TreeMap<PathElement, Builder> children = new TreeMap<>();

        public Builder insert(FieldPath path) {
            if (path.isRoot()) {
                return this;
            }
            Builder level = this;
            List<PathElement> elements = path.elements();
            for (int i = 0; i < elements.size() - 1; i++) {
                level = level.children.computeIfAbsent(elements.get(i), e -> new Builder());
            }
            level.members.add(path.last());
            return this;
        }

        public FieldSet build() {
            TreeMap<PathElement, FieldSet> built = new TreeMap<>();
            children.forEach((element, child) -> {
                FieldSet set = child.build();
                if (!set.isEmpty()) {
                    built.put(element, set);
                }
            });
            if (members.isEmpty() && built.isEmpty()) {
                return EMPTY;
            }
            return new FieldSet(new TreeSet<>(members), built);
        }
    }

    public boolean isEmpty() {
        return members.isEmpty() && children.isEmpty();
    }

    /** Whether this exact path is in the set. */
    public boolean has(FieldPath path) {
        if (path.isRoot()) {
            return false;
        }
        FieldSet level = this;
        List<PathElement> elements = path.elements();
        for (int i = 0; i < elements.size() - 1; i++) {
            level = level.children.get(elements.get(i));
            if (level == null) {
                return false;
            }
        }
        return level.members.contains(path.last());
    }

    /** The paths below {@code element}, relative to it; empty if there are none. */
    public FieldSet withPrefix(PathElement element) {
        return children.getOrDefault(element, EMPTY);
    }

    /** Whether some path strictly below {@code path} is in the set. */
    public boolean hasPathsBelow(FieldPath path) {
        FieldSet level = this;
        for (PathElement element : path.elements()) {
            level = level.children.get(element);
            if (level == null) {
                return false;
            }
        }
        return !level.isEmpty();
    }

    public FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.addAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
        other.children.forEach((e, child) -> c.merge(e, child, FieldSet::union));
        return new FieldSet(m, c);
    }

    public FieldSet intersection(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.retainAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((e, child) -> {
            FieldSet otherChild = other.children.get(e);
            if (otherChild != null) {
                putIfNotEmpty(c, e, child.intersection(otherChild));
            }
        });
        return create(m, c);
    }

    /** The paths of this set that are not exactly paths of {@code other}. */
    public FieldSet difference(FieldSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((e, child) -> {
            FieldSet otherChild = other.children.get(e);
            putIfNotEmpty(c, e, otherChild == null ? child : child.difference(otherChild));
        });
        return create(m, c);
    }

    /** The paths of this set that are neither paths of {@code other} nor below one of them. */
    public FieldSet recursiveDifference(FieldSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((e, child) -> {
            if (other.members.contains(e)) {
                return;
            }
            FieldSet otherChild = other.children.get(e);
            putIfNotEmpty(c, e, otherChild == null ? child : child.recursiveDifference(otherChild));
        });
        return create(m, c);
    }

    /**
     * Every path, in the order structured-merge-diff lists them: at each level the members first,
     * then the paths below each child element.
     */
    public List<FieldPath> paths() {
        List<FieldPath> out = new ArrayList<>();
        forEachPath(FieldPath.ROOT, out::add);
        return out;
    }

    private void forEachPath(FieldPath prefix, Consumer<FieldPath> action) {
        members.forEach(e -> action.accept(prefix.child(e)));
        children.forEach((e, child) -> child.forEachPath(prefix.child(e), action));
    }

    /** The {@code fieldsV1} form of this set. */
    public ObjectNode toFieldsV1() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        writeContents(out, false);
        return out;
    }

    private void writeContents(ObjectNode out, boolean includeSelf) {
        if (includeSelf && !isEmpty()) {
            out.putObject(".");
        }
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement element : all) {
            ObjectNode node = out.putObject(element.encode());
            FieldSet child = children.get(element);
            if (child != null) {
                child.writeContents(node, members.contains(element));
            }
        }
    }

    /**
     * Reads the {@code fieldsV1} form.
     *
     * @throws IllegalArgumentException if the JSON is not a valid {@code fieldsV1} value
     */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (fieldsV1 == null || fieldsV1.isNull() || fieldsV1.isMissingNode()) {
            return EMPTY;
        }
        if (!fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be a JSON object");
        }
        return readContents(fieldsV1);
    }

    private static FieldSet readContents(JsonNode object) {
        TreeSet<PathElement> m = new TreeSet<>();
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equals(".")) {
                continue;
            }
            PathElement element = PathElement.decode(entry.getKey());
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                throw new IllegalArgumentException("fieldsV1 entry \"" + entry.getKey() + "\" must be a JSON object");
            }
            if (value.isEmpty() || value.has(".")) {
                m.add(element);
            }
            putIfNotEmpty(c, element, readContents(value));
        }
        return create(m, c);
    }

    private static void putIfNotEmpty(TreeMap<PathElement, FieldSet> map, PathElement element, FieldSet set) {
        if (!set.isEmpty()) {
            map.put(element, set);
        }
    }

    private static FieldSet create(TreeSet<PathElement> m, TreeMap<PathElement, FieldSet> c) {
        return m.isEmpty() && c.isEmpty() ? EMPTY : new FieldSet(m, c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && members.equals(other.members) && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, children);
    }

    @Override
    public String toString() {
        return paths().toString();
    }
}
