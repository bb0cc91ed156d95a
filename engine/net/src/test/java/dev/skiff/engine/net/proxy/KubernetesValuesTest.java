package dev.skiff.engine.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KubernetesValuesTest {

    @Test
    void protocolDefaultsToTcpAndReadsKubernetesSpelling() {
        assertThat(Protocol.of(null)).isEqualTo(Protocol.TCP);
        assertThat(Protocol.of("UDP")).isEqualTo(Protocol.UDP);
        assertThat(Protocol.of("SCTP")).isEqualTo(Protocol.SCTP);
        assertThatThrownBy(() -> Protocol.of("QUIC")).hasMessageContaining("Unsupported value: \"QUIC\"");
    }

    @Test
    void clientIpAffinityDefaultsToThreeHours() {
        assertThat(Affinity.of("ClientIP", null)).isEqualTo(Affinity.clientIp(Duration.ofSeconds(10800)));
        assertThat(Affinity.of("ClientIP", 60)).isEqualTo(Affinity.clientIp(Duration.ofSeconds(60)));
        assertThat(Affinity.of("None", null)).isEqualTo(Affinity.NONE);
        assertThat(Affinity.of(null, null)).isEqualTo(Affinity.NONE);
        assertThatThrownBy(() -> Affinity.of("ClientIP", 0)).hasMessageContaining("timeoutSeconds");
    }
}
