package dev.skiff.engine.node.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoTextTest {

    @Test
    void listsAndAddressesReadAsGoPrintsThem() {
        assertThat(GoText.list(List.of("sh", "-c", "exit 1"))).isEqualTo("[sh -c exit 1]");
        assertThat(GoText.hostPort("127.1.0.5", 8080)).isEqualTo("127.1.0.5:8080");
        assertThat(GoText.hostPort("::1", 80)).isEqualTo("[::1]:80");
    }

    @Test
    void headerNamesAreCanonicalisedAsGoDoes() {
        assertThat(HttpGetRequest.canonical("x-custom-header")).isEqualTo("X-Custom-Header");
        assertThat(HttpGetRequest.canonical("USER-AGENT")).isEqualTo("User-Agent");
        assertThat(HttpGetRequest.canonical("bad header")).isEqualTo("bad header");
    }
}
