package dev.skiff.engine.api.text;

/**
 * Writes a duration in nanoseconds the way Go's {@code time.Duration.String()} does ("1h0m0s", "1.5s",
 * "300ms", "0s"), which is how meta/v1 Duration appears in Kubernetes JSON.
 */
public final class GoDuration {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        // Negating Long.MIN_VALUE overflows back to itself; read as unsigned it is still the right magnitude.
        long magnitude = nanos < 0 ? -nanos : nanos;
        if (Long.compareUnsigned(magnitude, NANOS_PER_SECOND) < 0) {
            if (magnitude < 1_000) {
                return sign + magnitude + "ns";
            }
            if (magnitude < 1_000_000) {
                return sign + withFraction(magnitude, 1_000, 3) + "µs";
            }
            return sign + withFraction(magnitude, 1_000_000, 6) + "ms";
        }
        long seconds = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
        long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
        String text = (seconds % 60) + fractionDigits(fraction, 9) + "s";
        long minutes = seconds / 60;
        if (minutes > 0) {
            text = (minutes % 60) + "m" + text;
            long hours = minutes / 60;
            if (hours > 0) {
                text = hours + "h" + text;
            }
        }
        return sign + text;
    }

    private static String withFraction(long value, long unit, int digits) {
        return (value / unit) + fractionDigits(value % unit, digits);
    }

    /** ".5" for 500 of 3 digits; nothing when the fraction is zero. */
    private static String fractionDigits(long fraction, int digits) {
        if (fraction == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", fraction);
        return "." + padded.replaceAll("0+$", "");
    }
}
