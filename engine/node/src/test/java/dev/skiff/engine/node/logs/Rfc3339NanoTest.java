package dev.skiff.engine.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339NanoTest {
    @Test
    void alwaysWritesNineFractionDigitsInUtc() {
        assertThat(text(Instant.parse("2026-11-23T18:00:01Z"))).isEqualTo("2026-11-23T18:00:01.000000000Z");
        assertThat(text(Instant.parse("2026-11-23T18:00:01.5Z"))).isEqualTo("2026-11-23T18:00:01.500000000Z");
        assertThat(text(Instant.parse("1999-01-02T03:04:05.000000007Z"))).isEqualTo("1999-01-02T03:04:05.000000007Z");
    }

    @Test
    void comparesTimestampsWrittenWithAnOffsetByTheirInstant() {
        byte[] since = Rfc3339Nano.format(Instant.parse("2026-11-23T18:00:00Z"));

        assertThat(Rfc3339Nano.notBefore(bytes("2026-11-23T18:59:59.5+01:00"), since)).isFalse();
        assertThat(Rfc3339Nano.notBefore(bytes("2026-11-23T19:00:00+01:00"), since)).isTrue();
        assertThat(Rfc3339Nano.notBefore(bytes("2026-11-23T17:59:59.999999999Z"), since)).isFalse();
        assertThat(Rfc3339Nano.notBefore(bytes("2026-11-23T18:00:00.000000000Z"), since)).isTrue();
    }

    private static String text(Instant time) {
        return new String(Rfc3339Nano.format(time), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
