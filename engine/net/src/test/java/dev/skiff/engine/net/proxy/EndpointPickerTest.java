package dev.skiff.engine.net.proxy;

import static dev.skiff.engine.net.proxy.Net.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointPickerTest {

    private static final InetSocketAddress A = address("127.1.0.1", 80);
    private static final InetSocketAddress B = address("127.1.0.2", 80);
    private static final InetSocketAddress C = address("127.1.0.3", 80);
    private static final InetAddress CLIENT = address("127.0.0.9", 1).getAddress();

    @Test
    void retriesTryEveryOtherEndpointOnceAfterTheChosenOne() {
        EndpointPicker picker = new EndpointPicker();
        picker.update(List.of(A, B, C), Affinity.NONE);

        Attempts attempts = picker.attemptsFor(CLIENT);

        assertThat(List.of(attempts.endpoint(0), attempts.endpoint(1), attempts.endpoint(2)))
                .containsExactlyInAnyOrder(A, B, C);
        assertThat(attempts.count()).isEqualTo(3);
    }

    @Test
    void clientIpAffinityForgetsAClientAfterItsTimeout() {
        ClientIpAffinity affinity = new ClientIpAffinity(Duration.ofSeconds(10));
        affinity.used(CLIENT, B, 0);

        assertThat(affinity.endpointFor(CLIENT, Duration.ofSeconds(9).toNanos())).isEqualTo(B);
        assertThat(affinity.endpointFor(CLIENT, Duration.ofSeconds(10).toNanos())).isNull();
    }

    @Test
    void expiringDropsOnlyClientsPastTheirTimeout() {
        ClientIpAffinity affinity = new ClientIpAffinity(Duration.ofSeconds(10));
        InetAddress other = address("127.0.0.10", 1).getAddress();
        affinity.used(CLIENT, A, 0);
        affinity.used(other, B, Duration.ofSeconds(5).toNanos());

        affinity.expire(Duration.ofSeconds(12).toNanos());

        assertThat(affinity.size()).isEqualTo(1);
        assertThat(affinity.endpointFor(other, Duration.ofSeconds(12).toNanos())).isEqualTo(B);
    }

    @Test
    void switchingAffinityOffForgetsStickyClients() {
        EndpointPicker picker = new EndpointPicker();
        picker.update(List.of(A, B, C), Affinity.clientIp());
        picker.connected(CLIENT, C);
        assertThat(picker.attemptsFor(CLIENT).endpoint(0)).isEqualTo(C);

        picker.update(List.of(A, B, C), Affinity.NONE);
        picker.update(List.of(A, B, C), Affinity.clientIp());

        List<InetSocketAddress> firsts = List.of(picker.attemptsFor(CLIENT).endpoint(0),
                picker.attemptsFor(CLIENT).endpoint(0), picker.attemptsFor(CLIENT).endpoint(0));
        assertThat(firsts).containsExactlyInAnyOrder(A, B, C);
    }
}
