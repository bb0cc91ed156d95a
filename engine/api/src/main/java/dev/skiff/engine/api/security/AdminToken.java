package dev.skiff.engine.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** The cluster administrator's bearer token, made at first start and kept in the data directory. */
public final class AdminToken {
    private final String token;

    private AdminToken(String token) {
        this.token = token;
    }

    public static AdminToken loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("admin.token");
        try {
            if (Files.exists(file)) {
                return new AdminToken(Files.readString(file).trim());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, token + "\n");
            Secrets.restrictToOwner(file);
            return new AdminToken(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    public String value() {
        return token;
    }

    /** Compares in constant time so response timing says nothing about the token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }
}
