package dev.skiff.engine.api.select;

/** The operators of a label selector requirement, named and spelled as in {@code k8s.io/apimachinery/pkg/selection}. */
public enum Operator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    EXISTS("exists"),
    DOES_NOT_EXIST("!"),
    GREATER_THAN("gt"),
    LESS_THAN("lt");

    private final String spelling;

    Operator(String spelling) {
        this.spelling = spelling;
    }

    /** Kubernetes' name for the operator, as it appears in error messages ({@code in}, {@code gt}, {@code !=}...). */
    public String spelling() {
        return spelling;
    }
}
