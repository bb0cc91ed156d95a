package dev.skiff.engine.api.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of one field inside an object, such as
 * {@code .spec.template.spec.containers[name="web"].image}; {@link #toString()} prints it in
 * exactly that form, which is the form Kubernetes uses in apply conflicts.
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

    /** The path of the object itself. */
    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** A path made of field names only, e.g. {@code FieldPath.of("spec", "replicas")}. */
    public static FieldPath of(String... fieldNames) {
        List<PathElement> elements = new ArrayList<>();
        for (String name : fieldNames) {
            elements.add(new PathElement.FieldName(name));
        }
        return new FieldPath(elements);
    }

    /** This path extended by one element. */
    public FieldPath child(PathElement element) {
        List<PathElement> longer = new ArrayList<>(elements.size() + 1);
        longer.addAll(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    /** This path extended by one field name. */
    public FieldPath child(String fieldName) {
        return child(new PathElement.FieldName(fieldName));
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public PathElement last() {
        return elements.getLast();
    }

    @Override
    public int compareTo(FieldPath other) {
        for (int i = 0; i < Math.min(elements.size(), other.elements.size()); i++) {
            int c = elements.get(i).compareTo(other.elements.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.size(), other.elements.size());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        elements.forEach(e -> out.append(e.display()));
        return out.toString();
    }
}
