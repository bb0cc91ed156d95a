package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodAddressesTest {
    private static final int ALL = 65_534;

    private final PodAddresses addresses = new PodAddresses();

    @Test
    void givesEachPodTheNextFreeLoopbackAddressIn127_1() {
        assertThat(addresses.allocate()).isEqualTo("127.1.0.1");
        assertThat(addresses.allocate()).isEqualTo("127.1.0.2");
        assertThat(addresses.allocate()).isEqualTo("127.1.0.3");
    }

    @Test
    void aClaimedAddressIsNeverGivenToAnotherPod() {
        assertThat(addresses.claim("127.1.0.2")).isTrue();

        assertThat(addresses.allocate()).isEqualTo("127.1.0.1");
        assertThat(addresses.allocate()).isEqualTo("127.1.0.3");
    }

    @Test
    void anAddressCanBeClaimedOnlyOnce() {
        String given = addresses.allocate();

        assertThat(addresses.claim(given)).isFalse();
        assertThat(addresses.claim("127.1.7.9")).isTrue();
        assertThat(addresses.claim("127.1.7.9")).isFalse();
    }

    @Test
    void addressesOutsideThePodRangeCannotBeClaimed() {
        assertThat(addresses.claim("10.244.0.5")).isFalse();
        assertThat(addresses.claim("127.0.0.1")).isFalse();
        assertThat(addresses.claim("127.1.0.0")).isFalse();
        assertThat(addresses.claim("127.1.255.255")).isFalse();
        assertThat(addresses.claim("127.1.0.300")).isFalse();
        assertThat(addresses.claim("not-an-address")).isFalse();
        assertThat(addresses.claim(null)).isFalse();
    }

    @Test
    void aReleasedAddressCanBeClaimedAgain() {
        String given = addresses.allocate();
        addresses.release(given);

        assertThat(addresses.claim(given)).isTrue();
    }

    @Test
    void releasingAnUnknownOrMalformedAddressChangesNothing() {
        addresses.release("127.1.0.1");
        addresses.release("garbage");
        addresses.release(null);

        assertThat(addresses.allocate()).isEqualTo("127.1.0.1");
    }

    @Test
    void whenAllAddressesAreTakenAllocationSaysSo() {
        for (int i = 0; i < ALL; i++) {
            addresses.allocate();
        }

        assertThatThrownBy(addresses::allocate).isInstanceOf(IllegalStateException.class)
                .hasMessage("all 65,534 pod addresses in 127.1.0.0/16 are in use");
    }

    @Test
    void afterWrappingAroundTheOnlyReleasedAddressIsGivenOut() {
        String last = null;
        for (int i = 0; i < ALL; i++) {
            last = addresses.allocate();
        }
        assertThat(last).isEqualTo("127.1.255.254");

        addresses.release("127.1.3.4");

        assertThat(addresses.allocate()).isEqualTo("127.1.3.4");
    }
}
