package dev.skiff.engine.api.validation;

/**
 * A path to a field, printed as Kubernetes' {@code field.Path} prints it: children joined by dots, list
 * indexes and map keys in brackets ({@code spec.template.spec.containers[0].resources.limits[cpu]}).
 */
final class FieldPath {

    private final String text;

    private FieldPath(String text) {
        this.text = text;
    }

    /** A path starting at a top-level field; {@code root("")} is the whole object. */
    static FieldPath root(String name) {
        return new FieldPath(name);
    }

    /** The path to a nested field; several names descend several levels. */
    FieldPath child(String... names) {
        StringBuilder out = new StringBuilder(text);
        for (String name : names) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(name);
        }
        return new FieldPath(out.toString());
    }

    /** The path to one element of a list. */
    FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    /** The path to one entry of a map; Kubernetes prints the key without quotes. */
    FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
