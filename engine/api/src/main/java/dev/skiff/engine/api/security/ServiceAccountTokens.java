package dev.skiff.engine.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens for service accounts, signed with a key kept in the data directory. A token names its
 * namespace, account, the account's uid and an expiry; it is valid while the signature checks, the expiry
 * is ahead and the account with that uid still exists (checked by the caller).
 */
public final class ServiceAccountTokens {
    private static final String PREFIX = "skiff-sa.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    private ServiceAccountTokens(byte[] key) {
        this.key = key;
    }

    /** What a valid token says about its holder. */
    public record Claims(String namespace, String name, String uid, Instant expires) {
    }

    public static ServiceAccountTokens loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("pki/service-account.key");
        try {
            if (Files.exists(file)) {
                return new ServiceAccountTokens(DECODER.decode(Files.readString(file).trim()));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, ENCODER.encodeToString(key) + "\n");
            Secrets.restrictToOwner(file);
            return new ServiceAccountTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    public String issue(String namespace, String name, String uid, Instant expires) {
        String payload = ENCODER.encodeToString((namespace + "\n" + name + "\n" + uid + "\n" + expires.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return PREFIX + payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The token's claims when its signature is right and it has not expired; empty otherwise. */
    public Optional<Claims> verify(String token, Instant now) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String payload = rest.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(rest.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\n");
            if (parts.length != 4) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            if (!now.isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(parts[0], parts[1], parts[2], expires));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
