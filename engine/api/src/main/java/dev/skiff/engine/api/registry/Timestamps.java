package dev.skiff.engine.api.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes' timestamp form: RFC 3339 in UTC with whole seconds ("2026-11-23T15:38:35Z"). */
public final class Timestamps {
    private Timestamps() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    /** {@code MicroTime}, the form of Lease renew times and events.k8s.io times ("...T15:38:35.123456Z"). */
    public static String nowMicros(Clock clock) {
        Instant micros = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(micros);
    }
}
