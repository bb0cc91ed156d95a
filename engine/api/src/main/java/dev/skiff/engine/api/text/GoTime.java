package dev.skiff.engine.api.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Go's {@code time.Parse(time.RFC3339, value)}, with its error texts, which kube-apiserver returns as they are
 * for a bad time in a query ({@code sinceTime} of {@code pods/log}): {@code parsing time "x" as
 * "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"}, {@code parsing time "...": month out of range}.
 */
public final class GoTime {
    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

    private GoTime() {
    }

    /**
     * Parses an RFC 3339 time as Go does: fractional seconds are accepted, the zone is {@code Z} or
     * {@code ±hh:mm}.
     *
     * @throws IllegalArgumentException with Go's message when the text is not such a time
     */
    public static Instant parseRfc3339(String value) {
        return new Walk(value).parse();
    }

    /** One pass over the value, element by element of the layout, as Go's parser goes. */
    private static final class Walk {
        private final String value;
        private int at;

        Walk(String value) {
            this.value = value;
        }

        Instant parse() {
            int year = digits(4, "2006");
            literal("-");
            int month = inRange(digits(2, "01"), 1, 12, "month");
            literal("-");
            int day = digits(2, "02");
            literal("T");
            int hour = inRange(hour(), 0, 23, "hour");
            literal(":");
            int minute = inRange(digits(2, "04"), 0, 59, "minute");
            literal(":");
            int second = inRange(digits(2, "05"), 0, 59, "second");
            int nanos = fraction();
            int offsetSeconds = zone();
            if (at < value.length()) {
                throw failure(": extra text: " + GoQuote.quote(value.substring(at)));
            }
            LocalDate date;
            try {
                date = LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                // Go checks the day against the month only once the whole text is read
                throw failure(": day out of range");
            }
            // Go allows offsets up to 24 hours, more than java.time's ZoneOffset
            return date.atTime(hour, minute, second, nanos).toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds);
        }

        private int inRange(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw failure(": " + what + " out of range");
            }
            return n;
        }

        private int digits(int count, String element) {
            if (value.length() - at < count) {
                throw cannotParse(element);
            }
            int n = 0;
            for (int i = 0; i < count; i++) {
                char c = value.charAt(at + i);
                if (c < '0' || c > '9') {
                    throw cannotParse(element);
                }
                n = n * 10 + (c - '0');
            }
            at += count;
            return n;
        }

        // Go reads the hour of "15" as one or two digits.
        private int hour() {
            if (at >= value.length() || !Character.isDigit(value.charAt(at))) {
                throw cannotParse("15");
            }
            int n = value.charAt(at++) - '0';
            if (at < value.length() && Character.isDigit(value.charAt(at))) {
                n = n * 10 + (value.charAt(at++) - '0');
            }
            return n;
        }

        private void literal(String text) {
            if (!value.startsWith(text, at)) {
                throw cannotParse(text);
            }
            at += text.length();
        }

        // Go accepts a fraction after the seconds although the layout has none.
        private int fraction() {
            if (at + 1 >= value.length() || (value.charAt(at) != '.' && value.charAt(at) != ',')
                    || !Character.isDigit(value.charAt(at + 1))) {
                return 0;
            }
            int start = ++at;
            while (at < value.length() && Character.isDigit(value.charAt(at))) {
                at++;
            }
            String digits = (value.substring(start, at) + "000000000").substring(0, 9);
            return Integer.parseInt(digits);
        }

        private int zone() {
            if (value.startsWith("Z", at)) {
                at++;
                return 0;
            }
            String zone = value.substring(at);
            if (zone.length() < 6 || (zone.charAt(0) != '+' && zone.charAt(0) != '-') || zone.charAt(3) != ':'
                    || !allDigits(zone.substring(1, 3)) || !allDigits(zone.substring(4, 6))) {
                throw cannotParse("Z07:00");
            }
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(4, 6));
            if (hours > 24 || minutes > 60) {
                throw failure(": time zone offset " + (hours > 24 ? "hour" : "minute") + " out of range");
            }
            at += 6;
            return (zone.charAt(0) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        }

        private static boolean allDigits(String s) {
            return s.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private IllegalArgumentException cannotParse(String element) {
            return new IllegalArgumentException("parsing time " + GoQuote.quote(value) + " as "
                    + GoQuote.quote(RFC3339) + ": cannot parse " + GoQuote.quote(value.substring(at)) + " as "
                    + GoQuote.quote(element));
        }

        private IllegalArgumentException failure(String message) {
            return new IllegalArgumentException("parsing time " + GoQuote.quote(value) + message);
        }
    }
}
