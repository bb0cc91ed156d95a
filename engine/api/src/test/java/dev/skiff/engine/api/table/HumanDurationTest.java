package dev.skiff.engine.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0}s reads {1}")
    @CsvSource({
            "0, 0s",
            "5, 5s",
            "119, 119s",
            "120, 2m",
            "192, 3m12s",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "18420, 5h7m",
            "28740, 7h59m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "183600, 2d3h",
            "691200, 8d",
            "63071999, 729d",
            "63072000, 2y",
            "66960000, 2y45d",
            "252288000, 8y",
            "315360000, 10y",
            "-1, 0s",
            "-2, <invalid>",
    })
    void readsAsKubectlShowsAges(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1500, 1s", "-1500, 0s", "-1999, 0s", "-2000, <invalid>"})
    void truncatesFractionsOfSecondsTowardZero(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
