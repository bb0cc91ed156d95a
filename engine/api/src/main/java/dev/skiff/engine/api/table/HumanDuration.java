package dev.skiff.engine.api.table;

import java.time.Duration;

/**
 * Kubernetes' {@code duration.HumanDuration}: a duration in two or three significant figures, as the AGE and
 * LAST SEEN columns show it ({@code 45s}, {@code 3m12s}, {@code 25m}, {@code 5h7m}, {@code 2d3h}, {@code 90d},
 * {@code 3y45d}).
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    /** The duration as kubectl shows it; slightly negative durations (clock skew) read {@code 0s}. */
    public static String format(Duration duration) {
        long nanos = saturatedNanos(duration);
        // Go truncates toward zero here, so -1.5s is -1s and still within the tolerated skew.
        long seconds = nanos / 1_000_000_000L;
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long days = hours / 24 % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }

    // A Go time.Duration is an int64 of nanoseconds; longer spans saturate as time.Sub does.
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
