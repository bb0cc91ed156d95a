package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoFormatTest {

    @Test
    void printsFloatsLikeGoPercentV() {
        assertThat(GoFormat.number(10.0)).isEqualTo("10");
        assertThat(GoFormat.number(1.5)).isEqualTo("1.5");
        assertThat(GoFormat.number(-0.25)).isEqualTo("-0.25");
        assertThat(GoFormat.number(0.00001)).isEqualTo("1e-05");
        assertThat(GoFormat.number(1.5e22)).isEqualTo("1.5e+22");
    }

    @Test
    void quotesStringsLikeGoPercentQ() {
        assertThat(GoFormat.quote("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    }
}
