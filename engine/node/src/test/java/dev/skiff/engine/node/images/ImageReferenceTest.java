package dev.skiff.engine.node.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void aShortNameIsAnOfficialDockerHubImageTaggedLatest() {
        assertThat(ImageReference.normalize("nginx")).isEqualTo("docker.io/library/nginx:latest");
        assertThat(ImageReference.normalize("nginx:1.27")).isEqualTo("docker.io/library/nginx:1.27");
    }

    @Test
    void aDockerHubUserImageGetsTheRegistryButNoLibrary() {
        assertThat(ImageReference.normalize("bitnami/redis:7.2")).isEqualTo("docker.io/bitnami/redis:7.2");
        assertThat(ImageReference.normalize("library/nginx")).isEqualTo("docker.io/library/nginx:latest");
    }

    @Test
    void dockerHubSpelledOutIsTheSameImageAsItsShortName() {
        assertThat(ImageReference.normalize("docker.io/nginx")).isEqualTo("docker.io/library/nginx:latest");
        assertThat(ImageReference.normalize("index.docker.io/library/nginx:1.27"))
                .isEqualTo("docker.io/library/nginx:1.27");
        assertThat(ImageReference.normalize("docker.io/bitnami/redis")).isEqualTo("docker.io/bitnami/redis:latest");
    }

    @Test
    void anotherRegistryIsKeptAsItIs() {
        assertThat(ImageReference.normalize("example.com/tools/sleeper:1.0")).isEqualTo("example.com/tools/sleeper:1.0");
        assertThat(ImageReference.normalize("registry.k8s.io/pause")).isEqualTo("registry.k8s.io/pause:latest");
        assertThat(ImageReference.normalize("localhost/app")).isEqualTo("localhost/app:latest");
    }

    @Test
    void aRegistryPortIsNotATag() {
        assertThat(ImageReference.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageReference.normalize("localhost:5000/team/app:v2")).isEqualTo("localhost:5000/team/app:v2");
    }

    @Test
    void aDigestNeedsNoTag() {
        assertThat(ImageReference.normalize("nginx@" + DIGEST)).isEqualTo("docker.io/library/nginx@" + DIGEST);
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertThat(ImageReference.normalize("  busybox \n")).isEqualTo("docker.io/library/busybox:latest");
    }

    @Test
    void anEmptyReferenceIsRefused() {
        assertThatThrownBy(() -> ImageReference.normalize("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an image reference must not be empty");
    }

    @Test
    void theRepositoryLeavesOutTagAndDigest() {
        assertThat(ImageReference.repository("nginx")).isEqualTo("docker.io/library/nginx");
        assertThat(ImageReference.repository("nginx:1.27")).isEqualTo("docker.io/library/nginx");
        assertThat(ImageReference.repository("nginx@" + DIGEST)).isEqualTo("docker.io/library/nginx");
        assertThat(ImageReference.repository("nginx:1.27@" + DIGEST)).isEqualTo("docker.io/library/nginx");
        assertThat(ImageReference.repository("localhost:5000/app:v2")).isEqualTo("localhost:5000/app");
        assertThat(ImageReference.repository("localhost:5000/app")).isEqualTo("localhost:5000/app");
    }
}
