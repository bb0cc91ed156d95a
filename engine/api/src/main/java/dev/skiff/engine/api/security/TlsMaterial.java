package dev.skiff.engine.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster CA and the API server's serving certificate, as PEM files in the data directory. Made at
 * first start; later starts reuse them so kubeconfigs stay valid.
 */
public record TlsMaterial(Path caCert, Path serverCert, Path serverKey) {
    /** Loads the material from {@code dir}, generating whatever is missing. */
    public static TlsMaterial loadOrCreate(Path dir) {
        Path pki = dir.resolve("pki");
        TlsMaterial m = new TlsMaterial(pki.resolve("ca.crt"), pki.resolve("apiserver.crt"),
                pki.resolve("apiserver.key"));
        if (Files.exists(m.caCert) && Files.exists(m.serverCert) && Files.exists(m.serverKey)) {
            return m;
        }
        // only a first start loads the certificate-building code
        CertificateGenerator.generate(pki, m);
        return m;
    }

    public String caPem() {
        try {
            return Files.readString(caCert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
