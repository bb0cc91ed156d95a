package dev.skiff.engine.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void writesDurationsTheWayGoPrintsThem() {
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofHours(1).toNanos())).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofSeconds(90).toNanos())).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMillis(1500).toNanos())).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(300).toNanos())).isEqualTo("300ms");
        assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
        assertThat(GoDuration.format(42)).isEqualTo("42ns");
        assertThat(GoDuration.format(Duration.ofHours(72).plusMinutes(3).plusMillis(500).toNanos())).isEqualTo("72h3m0.5s");
        assertThat(GoDuration.format(-Duration.ofSeconds(90).toNanos())).isEqualTo("-1m30s");
        assertThat(GoDuration.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
    }
}
