package dev.skiff.engine.api.schema;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a string parses as a {@code resource.Quantity}, with the error text Kubernetes' parser gives.
 * Decoding fails on a malformed quantity, so it is a decoding error, not a validation error.
 */
final class QuantityFormat {

    static final String FORMAT_WRONG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String BAD_SUFFIX = "unable to parse quantity's suffix";

    private static final Pattern SHAPE =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)([eEinumkKMGTP]*[-+]?[0-9]*)");
    private static final Pattern DECIMAL_EXPONENT = Pattern.compile("[eE][-+]?[0-9]+");
    private static final Set<String> SUFFIXES = Set.of(
            "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");

    private QuantityFormat() {
    }

    /** Empty when {@code text} is a valid quantity, else Kubernetes' message for why not. */
    static Optional<String> problem(String text) {
        Matcher matcher = SHAPE.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.of(FORMAT_WRONG);
        }
        String suffix = matcher.group(1);
        if (SUFFIXES.contains(suffix) || DECIMAL_EXPONENT.matcher(suffix).matches()) {
            return Optional.empty();
        }
        return Optional.of(BAD_SUFFIX);
    }
}
