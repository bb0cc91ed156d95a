package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.math.BigDecimal;

/** Renders JSON values the way Go's {@code %v} and {@code %q} do, so messages match kube-apiserver's. */
final class GoFormat {

    private GoFormat() {
    }

    /** Go's {@code %q} of a string. */
    static String quote(String s) {
        return GoQuote.quote(s);
    }

    /** Go's {@code %v} of a float64: plain digits unless the exponent is below -4 or at least 21. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return BigDecimal.valueOf(d).toBigInteger().toString();
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e21)) {
            BigDecimal shortest = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
            String digits = shortest.unscaledValue().toString();
            int exponent = digits.length() - 1 - shortest.scale();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A field error's bad value: strings quoted, numbers and booleans bare, the rest as JSON. */
    static String badValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return number(value.doubleValue());
        }
        return value.toString();
    }

    /** The enum entry as {@code field.NotSupported} lists it: strings as they are, others as JSON. */
    static String supportedValue(JsonNode value) {
        return quote(value.isTextual() ? value.textValue() : value.toString());
    }
}
