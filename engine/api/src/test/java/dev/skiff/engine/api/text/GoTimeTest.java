package dev.skiff.engine.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    @Test
    void readsRfc3339WithZonesAndFractions() {
        assertThat(GoTime.parseRfc3339("2026-11-23T10:00:00Z")).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(GoTime.parseRfc3339("2026-11-23T10:00:00.25+02:00"))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00.250Z"));
        assertThat(GoTime.parseRfc3339("2026-11-23T10:00:00-00:30")).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
    }

    @Test
    void namesTheElementItCannotReadAsGoDoes() {
        assertThatThrownBy(() -> GoTime.parseRfc3339("yesterday")).hasMessage(
                "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"");
        assertThatThrownBy(() -> GoTime.parseRfc3339("2026-11-23 10:00:00Z")).hasMessage("parsing time "
                + "\"2026-11-23 10:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 10:00:00Z\" as \"T\"");
        assertThatThrownBy(() -> GoTime.parseRfc3339("2026-11-23T10:00:00")).hasMessage("parsing time "
                + "\"2026-11-23T10:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"");
    }

    @Test
    void reportsValuesOutOfRangeAndExtraText() {
        assertThatThrownBy(() -> GoTime.parseRfc3339("2026-13-01T00:00:00Z"))
                .hasMessage("parsing time \"2026-13-01T00:00:00Z\": month out of range");
        assertThatThrownBy(() -> GoTime.parseRfc3339("2026-02-30T00:00:00Z"))
                .hasMessage("parsing time \"2026-02-30T00:00:00Z\": day out of range");
        assertThatThrownBy(() -> GoTime.parseRfc3339("2026-02-01T00:00:00Zjunk"))
                .hasMessage("parsing time \"2026-02-01T00:00:00Zjunk\": extra text: \"junk\"");
    }
}
