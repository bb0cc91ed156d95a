package dev.skiff.engine.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePullPolicyTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "{0} has tag ''{1}''")
    @CsvSource(value = {
        "nginx|latest",
        "nginx:1.25|1.25",
        "library/nginx:1.25-alpine|1.25-alpine",
        "docker.io/library/nginx|latest",
        "localhost:5000/app|latest",
        "localhost:5000/app:v1|v1",
        "[::1]:5000/app:v1|v1",
        "ghcr.io/org/team/app:2024.01.01_rc1|2024.01.01_rc1",
        "nginx@" + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|",
        "nginx:1.25@" + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|1.25",
        "NGINX|",
        "nginx:|",
        "nginx:-bad|",
        "' nginx'|",
    }, delimiter = '|')
    void readsTheTagKubernetesReads(String image, String tag) {
        assertThat(ImagePullPolicy.tag(image)).isEqualTo(tag == null ? "" : tag);
    }

    @ParameterizedTest
    @CsvSource({"nginx, Always", "nginx:latest, Always", "nginx:1.25, IfNotPresent", "Nginx:latest, IfNotPresent"})
    void pullsAlwaysOnlyForLatest(String image, String policy) {
        assertThat(ImagePullPolicy.forImage(image)).isEqualTo(policy);
        assertThat(ImagePullPolicy.tag("nginx@" + DIGEST)).isEmpty();
    }
}
