package dev.skiff.engine.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes the kubeconfig that lets kubectl and client libraries reach the engine as its administrator. */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static Path write(Path file, String serverUrl, String caPem, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: skiff
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: skiff-admin
                  user:
                    token: %s
                contexts:
                - name: skiff
                  context:
                    cluster: skiff
                    user: skiff-admin
                    namespace: default
                current-context: skiff
                preferences: {}
                """.formatted(serverUrl, ca, token);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, yaml);
            Secrets.restrictToOwner(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
