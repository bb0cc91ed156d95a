package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code resource.Quantity}: its value and the suffix family it was written in, printed back in Kubernetes'
 * canonical form ({@code 0.5} prints {@code 500m}, {@code 1024Mi} prints {@code 1Gi}) because error messages
 * such as {@code must be less than or equal to cpu limit of 500m} show that form.
 */
record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

    enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    private static final Pattern SHAPE =
            Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)");
    private static final Map<String, Integer> DECIMAL = Map.of(
            "", 0, "n", -9, "u", -6, "m", -3, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final String[] DECIMAL_SUFFIX_BY_THOUSANDS = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIX_BY_1024 = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger THOUSAND_AND_TWENTY_FOUR = BigInteger.valueOf(1024);

    /** A quantity from a JSON string or number; empty when it does not parse (decoding reports that case). */
    static Optional<Quantity> of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        return parse(node.isNumber() ? node.numberValue().toString() : node.asText());
    }

    /** {@code resource.ParseQuantity}. */
    static Optional<Quantity> parse(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) == null)) {
            return Optional.empty();
        }
        String suffix = m.group(4);
        int base;
        int exponent;
        Format format;
        if (DECIMAL.containsKey(suffix)) {
            base = 10;
            exponent = DECIMAL.get(suffix);
            format = Format.DECIMAL_SI;
        } else if (BINARY.containsKey(suffix)) {
            base = 2;
            exponent = BINARY.get(suffix);
            format = Format.BINARY_SI;
        } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')
                && suffix.substring(1).matches("[-+]?[0-9]+")) {
            base = 10;
            exponent = Integer.parseInt(suffix.substring(1));
            format = Format.DECIMAL_EXPONENT;
        } else {
            return Optional.empty();
        }
        String digits = (m.group(2).isEmpty() ? "0" : m.group(2))
                + (m.group(3) == null || m.group(3).isEmpty() ? "" : "." + m.group(3));
        BigDecimal amount = new BigDecimal(digits);
        if (m.group(1).equals("-")) {
            amount = amount.negate();
        }
        amount = base == 10 ? amount.scaleByPowerOfTen(exponent) : amount.multiply(new BigDecimal(
                BigInteger.ONE.shiftLeft(exponent)));
        // Kubernetes rounds away from zero to whole nanounits: asking for a little gets a little.
        if (amount.scale() > 9) {
            amount = amount.setScale(9, RoundingMode.UP);
        }
        if (format == Format.BINARY_SI && amount.abs().compareTo(BigDecimal.ONE) < 0 && amount.signum() != 0) {
            format = Format.DECIMAL_SI;
        }
        return Optional.of(new Quantity(amount, format));
    }

    int signum() {
        return value.signum();
    }

    /** Whether the value is a whole number (what {@code MilliValue() % 1000 == 0} checks). */
    boolean isWhole() {
        return value.stripTrailingZeros().scale() <= 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** {@code Quantity.String()}: the canonical text. */
    String canonical() {
        if (value.signum() == 0) {
            return "0";
        }
        Format shown = format;
        if (shown == Format.BINARY_SI) {
            boolean small = value.compareTo(BigDecimal.valueOf(-1024)) > 0 && value.compareTo(BigDecimal.valueOf(1024)) < 0;
            if (small || !isWhole()) {
                shown = Format.DECIMAL_SI;
            }
        }
        if (shown == Format.BINARY_SI) {
            BigInteger amount = value.toBigIntegerExact();
            int exponent = 0;
            while (exponent < BINARY_SUFFIX_BY_1024.length - 1
                    && amount.mod(THOUSAND_AND_TWENTY_FOUR).signum() == 0) {
                amount = amount.divide(THOUSAND_AND_TWENTY_FOUR);
                exponent++;
            }
            return amount + BINARY_SUFFIX_BY_1024[exponent];
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int rest = Math.floorMod(exponent, 3);
        if (rest != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(rest));
            exponent -= rest;
        }
        if (shown == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        if (exponent > 18) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - 18));
            exponent = 18;
        }
        return mantissa + DECIMAL_SUFFIX_BY_THOUSANDS[exponent / 3 + 3];
    }

    @Override
    public String toString() {
        return canonical();
    }
}
