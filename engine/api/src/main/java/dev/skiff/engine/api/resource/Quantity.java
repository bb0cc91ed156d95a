package dev.skiff.engine.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes {@code resource.Quantity}: an exact decimal value and the notation it was written in, which
 * decides how it is written back.
 *
 * <p>The API server never echoes a quantity as sent; it writes it in canonical form: {@code 0.5} becomes
 * {@code 500m}, {@code 1000m} becomes {@code 1}, {@code 1024Mi} becomes {@code 1Gi} and {@code 1.5Gi}
 * becomes {@code 1536Mi}. {@link #toString()} gives that form, which is also the one error messages show
 * ({@code must be less than or equal to cpu limit of 500m}).
 *
 * @param value  the exact value, already rounded up to nano units and capped at the int64 range as the
 *               parser does
 * @param format the notation of the suffix it was parsed with
 */
public record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

    /** The notation a quantity was written in. */
    public enum Format {
        /** Powers of ten with SI suffixes: {@code n u m "" k M G T P E}. */
        DECIMAL_SI,
        /** Powers of two with IEC suffixes: {@code Ki Mi Gi Ti Pi Ei}. */
        BINARY_SI,
        /** Scientific notation: {@code 12e6}, {@code 5E-3}. */
        DECIMAL_EXPONENT
    }

    /** Kubernetes' error when a quantity does not have the shape of a number and a suffix. */
    public static final String FORMAT_WRONG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    /** Kubernetes' error when the suffix is not one it knows. */
    public static final String BAD_SUFFIX = "unable to parse quantity's suffix";

    // At least one digit, before or after the point: "5", "5.", ".5" but not "." or "m".
    private static final Pattern SHAPE =
            Pattern.compile("([+-]?)(?=\\.?[0-9])([0-9]*)(?:\\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([-+]?[0-9]+)");
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final String[] DECIMAL_BY_THOUSANDS = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_BY_1024 = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final int NANO = 9;
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigInteger KIBI = BigInteger.valueOf(1024);

    /**
     * Parses a quantity as Kubernetes' {@code resource.ParseQuantity} does.
     *
     * @throws IllegalArgumentException with {@link #FORMAT_WRONG} or {@link #BAD_SUFFIX} as its message
     */
    public static Quantity parse(String text) {
        String trimmed = text.strip();
        Matcher shape = SHAPE.matcher(trimmed);
        if (!shape.matches()) {
            throw new IllegalArgumentException(FORMAT_WRONG);
        }
        String whole = shape.group(2).isEmpty() ? "0" : shape.group(2);
        String fraction = shape.group(3) == null ? "" : shape.group(3);
        BigDecimal number = new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction));
        String suffix = shape.group(4);

        BigDecimal value;
        Format format;
        Matcher exponent = EXPONENT.matcher(suffix);
        if (DECIMAL_SUFFIXES.containsKey(suffix)) {
            format = Format.DECIMAL_SI;
            value = number.scaleByPowerOfTen(DECIMAL_SUFFIXES.get(suffix));
        } else if (BINARY_SUFFIXES.containsKey(suffix)) {
            format = Format.BINARY_SI;
            value = number.multiply(new BigDecimal(BigInteger.TWO.pow(BINARY_SUFFIXES.get(suffix))));
        } else if (exponent.matches()) {
            format = Format.DECIMAL_EXPONENT;
            value = number.scaleByPowerOfTen(parseExponent(exponent.group(1)));
        } else {
            throw new IllegalArgumentException(BAD_SUFFIX);
        }
        // Like Kubernetes: anything finer than a nano-unit rounds up to one, and the magnitude is capped.
        if (value.stripTrailingZeros().scale() > NANO) {
            value = value.setScale(NANO, RoundingMode.UP);
        }
        if (value.compareTo(MAX) > 0) {
            value = MAX;
        }
        // Kubernetes does not write a fraction of one in binary notation.
        if (format == Format.BINARY_SI && value.compareTo(BigDecimal.ONE) < 0 && value.signum() != 0) {
            format = Format.DECIMAL_SI;
        }
        if (shape.group(1).equals("-")) {
            value = value.negate();
        }
        return new Quantity(value, format);
    }

    /** {@link #parse}, empty when the text is not a quantity. */
    public static Optional<Quantity> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }

    /**
     * A quantity from a JSON string or number (Go's decoder also takes a bare JSON number); empty when it is
     * absent or does not parse, which decoding reports.
     */
    public static Optional<Quantity> of(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        } else if (node.isTextual()) {
            return tryParse(node.asText());
        } else if (node.isNumber()) {
            return tryParse(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return Optional.empty();
    }

    /** Empty when {@code text} is a valid quantity, else Kubernetes' message for why not. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of(invalid.getMessage());
        } catch (ArithmeticException outOfRange) {
            // An exponent beyond BigDecimal's scale still has the grammar of a quantity.
            return Optional.empty();
        }
    }

    private static int parseExponent(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException(BAD_SUFFIX);
        }
    }

    /**
     * This quantity rounded away from zero to a multiple of ten to the power {@code scale} (Kubernetes'
     * {@code Quantity.RoundUp}; {@code -3} is milli-units).
     */
    public Quantity roundUp(int scale) {
        BigDecimal places = value.stripTrailingZeros();
        if (places.scale() <= -scale) {
            return this;
        }
        return new Quantity(places.setScale(-scale, RoundingMode.UP), format);
    }

    /** The sign of the value: -1, 0 or 1. */
    public int signum() {
        return value.signum();
    }

    /** Whether the value is a whole number (what {@code MilliValue() % 1000 == 0} checks). */
    public boolean isWhole() {
        return value.stripTrailingZeros().scale() <= 0;
    }

    /** Orders by amount, whatever the notation ({@code 1} equals {@code 1000m}). */
    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** {@code Quantity.String()}: the canonical text, the same as {@link #toString()}. */
    public String canonical() {
        return toString();
    }

    /** The canonical form the API server writes. */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            String binary = binary();
            if (binary != null) {
                return binary;
            }
        }
        return decimal(format == Format.DECIMAL_EXPONENT ? Format.DECIMAL_EXPONENT : Format.DECIMAL_SI);
    }

    /** Binary form, or null when the value is below 1024 or not whole, which Kubernetes writes in decimal. */
    private String binary() {
        if (value.abs().compareTo(BigDecimal.valueOf(1024)) < 0) {
            return null;
        }
        BigInteger whole;
        try {
            whole = value.toBigIntegerExact();
        } catch (ArithmeticException fractional) {
            return null;
        }
        int power = 0;
        while (power < BINARY_BY_1024.length - 1 && whole.abs().compareTo(KIBI) >= 0
                && whole.mod(KIBI).signum() == 0) {
            whole = whole.divide(KIBI);
            power++;
        }
        return whole + BINARY_BY_1024[power];
    }

    private String decimal(Format notation) {
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        // Kubernetes moves the exponent down to a multiple of three, growing the mantissa.
        int shift = Math.floorMod(exponent, 3);
        mantissa = mantissa.multiply(BigInteger.TEN.pow(shift));
        exponent -= shift;
        if (notation == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        int index = exponent / 3 + 3;
        if (index >= DECIMAL_BY_THOUSANDS.length) {
            // Beyond exa there is no suffix; the value is capped well before, but stay exact.
            mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - 18));
            index = DECIMAL_BY_THOUSANDS.length - 1;
        }
        return mantissa + DECIMAL_BY_THOUSANDS[index];
    }
}
