package dev.skiff.engine.api.schema;

/** The {@code fieldValidation} query parameter of create, update and patch requests. */
public enum FieldValidationDirective {
    /** Unknown and duplicate fields are dropped without a word. kubectl sends this with {@code --validate=false}. */
    IGNORE("Ignore"),
    /** Unknown and duplicate fields are dropped and each is reported in a {@code Warning} header. */
    WARN("Warn"),
    /** Unknown and duplicate fields fail the request with 400 BadRequest. kubectl's default. */
    STRICT("Strict");

    private final String queryValue;

    FieldValidationDirective(String queryValue) {
        this.queryValue = queryValue;
    }

    /** The value as it appears in the query string. */
    public String queryValue() {
        return queryValue;
    }

    /**
     * Parses the query parameter. Absent or empty means Warn, kube-apiserver's default.
     *
     * @throws IllegalArgumentException for any other value, with Kubernetes' NotSupported wording
     */
    public static FieldValidationDirective fromQuery(String value) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        for (FieldValidationDirective directive : values()) {
            if (directive.queryValue.equals(value)) {
                return directive;
            }
        }
        throw new IllegalArgumentException("fieldValidation: Unsupported value: \"" + value
                + "\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
    }
}
