package dev.skiff.engine.api.protobuf;

/**
 * Where in a decoded object a value sits ({@code spec.template.spec.containers[0]}), for error messages,
 * and how many RawExtensions holding protobuf objects enclose it, to bound that nesting.
 */
record FieldPath(String text, int embeddings) {

    /** Objects inside RawExtensions inside objects...: more than this is an attack, not a request. */
    static final int MAX_EMBEDDINGS = 8;

    static final FieldPath ROOT = new FieldPath("", 0);

    FieldPath field(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name, embeddings);
    }

    FieldPath index(int index) {
        return new FieldPath(text + "[" + index + "]", embeddings);
    }

    FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]", embeddings);
    }

    /** The root of an object embedded at this path. */
    FieldPath embedded() {
        if (embeddings >= MAX_EMBEDDINGS) {
            throw new ProtobufDecodingException("objects embedded at \"" + text + "\" nest more than "
                    + MAX_EMBEDDINGS + " levels deep");
        }
        return new FieldPath("", embeddings + 1);
    }

    boolean isRoot() {
        return text.isEmpty();
    }
}
