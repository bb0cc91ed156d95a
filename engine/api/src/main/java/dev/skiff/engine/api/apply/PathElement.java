package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link FieldPath}: a field of an object ({@code f:name}), the item of a list-map
 * with given keys ({@code k:{"name":"web"}}), the item of a set with a given value
 * ({@code v:"foreground"}), or an item of a list by position ({@code i:0}).
 *
 * <p>Elements are ordered as structured-merge-diff orders them: fields, then keys, then values,
 * then indices, which is also the key order of a {@code fieldsV1} object.
 */
public sealed interface PathElement extends Comparable<PathElement> {

    /** A field of an object or a key of a map, {@code f:name}. */
    record FieldName(String name) implements PathElement {
        public FieldName {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The item of a list-map whose key fields have these values; fields are sorted by name. */
    record Key(List<KeyField> fields) implements PathElement {
        public Key {
            List<KeyField> sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparing(KeyField::name));
            fields = List.copyOf(sorted);
        }

        /** The key fields as a JSON object. */
        public ObjectNode asObject() {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            fields.forEach(f -> object.set(f.name(), f.value()));
            return object;
        }
    }

    /** One key field of a {@link Key}: its name and (normalised) value. */
    record KeyField(String name, JsonNode value) {
        public KeyField {
            Objects.requireNonNull(name, "name");
            value = JsonValues.normalized(value);
        }
    }

    /** The item of a set (a list of scalars) with this value. */
    record Value(JsonNode value) implements PathElement {
        public Value {
            value = JsonValues.normalized(value);
        }
    }

    /** The item of a list at this position. */
    record Index(int index) implements PathElement {}

    /** Field name element. */
    static PathElement field(String name) {
        return new FieldName(name);
    }

    /** The form used as a key in {@code fieldsV1}: {@code f:}, {@code k:}, {@code v:} or {@code i:}. */
    default String encode() {
        return switch (this) {
            case FieldName f -> "f:" + f.name();
            case Key k -> "k:" + JsonValues.goJson(k.asObject());
            case Value v -> "v:" + JsonValues.goJson(v.value());
            case Index i -> "i:" + i.index();
        };
    }

    /**
     * Parses the {@code fieldsV1} form of an element.
     *
     * @throws IllegalArgumentException if the text is not a valid element
     */
    static PathElement decode(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("invalid path element " + quoteForError(text));
        }
        String body = text.substring(2);
        return switch (text.charAt(0)) {
            case 'f' -> new FieldName(body);
            case 'v' -> new Value(parse(body, text));
            case 'k' -> {
                JsonNode object = parse(body, text);
                if (!object.isObject()) {
                    throw new IllegalArgumentException("invalid key path element " + quoteForError(text));
                }
                List<KeyField> fields = new ArrayList<>();
                object.properties().forEach(e -> fields.add(new KeyField(e.getKey(), e.getValue())));
                yield new Key(fields);
            }
            case 'i' -> {
                try {
                    yield new Index(Integer.parseInt(body));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid index path element " + quoteForError(text));
                }
            }
            default -> throw new IllegalArgumentException("unknown path element type " + quoteForError(text));
        };
    }

    private static JsonNode parse(String json, String whole) {
        try {
            return JsonValues.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid path element " + quoteForError(whole) + ": " + e.getOriginalMessage());
        }
    }

    private static String quoteForError(String text) {
        return "\"" + text + "\"";
    }

    /** The element as Kubernetes prints it in a field path: {@code .name}, {@code [name="web"]}, {@code [="x"]}, {@code [0]}. */
    default String display() {
        return switch (this) {
            case FieldName f -> "." + f.name();
            case Key k -> {
                List<String> parts = new ArrayList<>();
                k.fields().forEach(f -> parts.add(f.name() + "=" + JsonValues.display(f.value())));
                yield "[" + String.join(",", parts) + "]";
            }
            case Value v -> "[=" + JsonValues.display(v.value()) + "]";
            case Index i -> "[" + i.index() + "]";
        };
    }

    @Override
    default int compareTo(PathElement other) {
        int kind = Integer.compare(order(this), order(other));
        if (kind != 0) {
            return kind;
        }
        return switch (this) {
            case FieldName f -> f.name().compareTo(((FieldName) other).name());
            case Key k -> compareKeys(k.fields(), ((Key) other).fields());
            case Value v -> JsonValues.compare(v.value(), ((Value) other).value());
            case Index i -> Integer.compare(i.index(), ((Index) other).index());
        };
    }

    private static int order(PathElement e) {
        return switch (e) {
            case FieldName f -> 0;
            case Key k -> 1;
            case Value v -> 2;
            case Index i -> 3;
        };
    }

    private static int compareKeys(List<KeyField> a, List<KeyField> b) {
        for (int i = 0; ; i++) {
            if (i >= a.size() && i >= b.size()) {
                return 0;
            }
            if (i >= a.size()) {
                return -1;
            }
            if (i >= b.size()) {
                return 1;
            }
            int c = a.get(i).name().compareTo(b.get(i).name());
            if (c != 0) {
                return c;
            }
            c = JsonValues.compare(a.get(i).value(), b.get(i).value());
            if (c != 0) {
                return c;
            }
        }
    }

}
