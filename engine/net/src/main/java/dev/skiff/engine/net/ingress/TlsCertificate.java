package dev.skiff.engine.net.ingress;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * A certificate chain and its private key, as the ingress presents them in a TLS handshake.
 *
 * @param alias names this pair uniquely among all pairs ever loaded: its source and a digest of its certificate
 * @param privateKey the key of the first certificate of the chain
 * @param chain the server certificate first, then its intermediates
 */
public record TlsCertificate(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
    public TlsCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain must hold at least one certificate");
        }
    }

    /**
     * Reads PEM text as a Secret of type {@code kubernetes.io/tls} holds it in {@code tls.crt} and {@code tls.key}.
     *
     * @param source where the pair comes from ("namespace/secret"), for the alias and messages
     * @throws IllegalArgumentException when the text is no certificate chain and matching private key
     */
    public static TlsCertificate fromPem(String source, String certificatePem, String privateKeyPem) {
        List<X509Certificate> chain = Pem.certificates(certificatePem);
        PrivateKey key = Pem.privateKey(privateKeyPem);
        checkPair(chain.get(0), key);
        return of(source, key, chain);
    }

    /** A pair with an alias made from {@code source} and the certificate's digest. */
    static TlsCertificate of(String source, PrivateKey key, List<X509Certificate> chain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
            return new TlsCertificate(source + "#" + HexFormat.of().formatHex(digest, 0, 12), key, chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether this pair can sign handshakes of the JSSE key type asked for ("EC", "RSA", "RSASSA-PSS", ...). */
    boolean servesKeyType(String keyType) {
        String algorithm = privateKey.getAlgorithm();
        return algorithm.equalsIgnoreCase(keyType)
                || keyType.equalsIgnoreCase("EdDSA") && algorithm.startsWith("Ed");
    }

    /** Signs and verifies a probe, so that a key that does not belong to the certificate is refused up front. */
    private static void checkPair(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "skiff ingress key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's lands here: the same answer as a bad signature
        }
        throw new IllegalArgumentException("tls.key does not match the certificate in tls.crt");
    }
}
