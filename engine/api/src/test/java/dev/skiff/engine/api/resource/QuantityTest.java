package dev.skiff.engine.api.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "0.5, 500m",
        "1.5, 1500m",
        "1000m, 1",
        "100m, 100m",
        "1000, 1k",
        "2, 2",
        "0, 0",
        "0Gi, 0",
        "-0.5, -500m",
        "1024Mi, 1Gi",
        "1.5Gi, 1536Mi",
        "0.5Gi, 512Mi",
        "1000Mi, 1000Mi",
        "512Ki, 512Ki",
        "0.5Ki, 512",
        "1.5Ki, 1536",
        "0.1Gi, 107374182400m",
        "1e3, 1e3",
        "12e2, 1200",
        "5E-3, 5e-3",
        "1E, 1E",
        "100u, 100u",
        "0.0000000001, 1n",
        ".5, 500m",
        "99999999999999999999, 9223372036854775807",
    })
    void isWrittenInKubernetesCanonicalForm(String text, String canonical) {
        assertThat(Quantity.parse(text).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} rounded to milli-units is {1}")
    @CsvSource({
        "100u, 1m",
        "1500u, 2m",
        "-1500u, -2m",
        "0.0001, 1m",
        "250m, 250m",
        "1Gi, 1Gi",
    })
    void roundsUpToMilliUnitsAwayFromZero(String text, String rounded) {
        assertThat(Quantity.parse(text).roundUp(-3).toString()).isEqualTo(rounded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1 Gi", "1.2.3"})
    void rejectsTextThatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Quantity.FORMAT_WRONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ki", "1e", "1Mi3", "1KM"})
    void rejectsUnknownSuffixes(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Quantity.BAD_SUFFIX);
    }

    private static String canonical(String text) {
        return Quantity.tryParse(text).orElseThrow().canonical();
    }

    @Test
    void printsQuantitiesInKubernetesCanonicalForm() {
        assertThat(canonical("0.5")).isEqualTo("500m");
        assertThat(canonical("1000m")).isEqualTo("1");
        assertThat(canonical("1.5")).isEqualTo("1500m");
        assertThat(canonical("1000")).isEqualTo("1k");
        assertThat(canonical("100M")).isEqualTo("100M");
        assertThat(canonical("1024Mi")).isEqualTo("1Gi");
        assertThat(canonical("1.5Gi")).isEqualTo("1536Mi");
        assertThat(canonical("2000Ki")).isEqualTo("2000Ki");
        assertThat(canonical("512")).isEqualTo("512");
        assertThat(canonical("1e3")).isEqualTo("1e3");
        assertThat(canonical("0")).isEqualTo("0");
        assertThat(canonical("-1")).isEqualTo("-1");
        assertThat(canonical("0.1n")).isEqualTo("1n");
    }

    @Test
    void comparesByAmount() {
        assertThat(Quantity.tryParse("1").orElseThrow().compareTo(Quantity.tryParse("1000m").orElseThrow())).isZero();
        assertThat(Quantity.tryParse("1Gi").orElseThrow().compareTo(Quantity.tryParse("1G").orElseThrow())).isPositive();
    }

    @Test
    void refusesTextThatIsNoQuantity() {
        assertThat(Quantity.tryParse("lots")).isEmpty();
        assertThat(Quantity.tryParse("1Qi")).isEmpty();
        assertThat(Quantity.tryParse("")).isEmpty();
    }
}
