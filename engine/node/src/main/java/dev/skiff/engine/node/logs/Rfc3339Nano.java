package dev.skiff.engine.node.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * RFC 3339 timestamps in UTC with exactly nine fraction digits ({@code 2026-11-23T18:00:01.123456789Z}), the
 * fixed-width form CRI log files hold and {@code kubectl logs --timestamps} shows.
 */
final class Rfc3339Nano {
    /** Characters in a timestamp of a four-digit year. */
    static final int LENGTH = 30;

    private static final int SECONDS_PREFIX = 20;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.");

    /** Log lines come in bursts within one second: the date part is formatted once per second. */
    private record Second(long epochSecond, byte[] prefix) {
    }

    private static volatile Second cached = new Second(Long.MIN_VALUE, new byte[0]);

    private Rfc3339Nano() {
    }

    static byte[] format(Instant time) {
        byte[] out = new byte[LENGTH];
        write(time, out, 0);
        return out;
    }

    /** Writes the {@link #LENGTH} bytes of {@code time} at {@code offset}. */
    static void write(Instant time, byte[] out, int offset) {
        Second second = cached;
        if (second.epochSecond() != time.getEpochSecond()) {
            String prefix = SECONDS.format(LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC));
            if (prefix.length() != SECONDS_PREFIX) {
                throw new IllegalArgumentException("year out of range for a log timestamp: " + time);
            }
            second = new Second(time.getEpochSecond(), prefix.getBytes(StandardCharsets.US_ASCII));
            cached = second;
        }
        System.arraycopy(second.prefix(), 0, out, offset, SECONDS_PREFIX);
        int nanos = time.getNano();
        for (int i = offset + LENGTH - 2; i >= offset + SECONDS_PREFIX; i--) {
            out[i] = (byte) ('0' + nanos % 10);
            nanos /= 10;
        }
        out[offset + LENGTH - 1] = 'Z';
    }

    /**
     * Whether the timestamp of a log record is at or after {@code since} (given in this fixed form). Our own
     * records compare as text; anything else written by a runtime with an offset or fewer digits is parsed.
     */
    static boolean notBefore(byte[] timestamp, byte[] since) {
        if (timestamp.length == LENGTH && timestamp[LENGTH - 1] == 'Z') {
            return Arrays.compare(timestamp, since) >= 0;
        }
        Instant parsed = parse(timestamp);
        return parsed == null || !parsed.isBefore(parse(since));
    }

    /** The instant of a record's timestamp, or null when it is not RFC 3339. */
    static Instant parse(byte[] timestamp) {
        try {
            return OffsetDateTime.parse(new String(timestamp, StandardCharsets.US_ASCII),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
