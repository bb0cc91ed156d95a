package dev.skiff.engine.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantityTest {

    private static String canonical(String text) {
        return Quantity.parse(text).orElseThrow().canonical();
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
        assertThat(Quantity.parse("1").orElseThrow().compareTo(Quantity.parse("1000m").orElseThrow())).isZero();
        assertThat(Quantity.parse("1Gi").orElseThrow().compareTo(Quantity.parse("1G").orElseThrow())).isPositive();
    }

    @Test
    void refusesTextThatIsNoQuantity() {
        assertThat(Quantity.parse("lots")).isEmpty();
        assertThat(Quantity.parse("1Qi")).isEmpty();
        assertThat(Quantity.parse("")).isEmpty();
    }
}
