package dev.skiff.engine.net.ingress;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Makes the certificate the ingress presents when no Ingress's TLS section covers the name a client asked for
 * (or the client sent no SNI): a fresh self-signed P-256 certificate, like the "fake certificate" other ingress
 * controllers serve. It is written here with the JDK alone because the JDK has no public certificate builder.
 */
final class DefaultCertificate {
    static final String COMMON_NAME = "Skiff Ingress Default Certificate";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME_OID = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private DefaultCertificate() {
    }

    static TlsCertificate generate() {
        return generate(COMMON_NAME, List.of("localhost"), Duration.ofDays(3650));
    }

    /** A self-signed certificate for {@code commonName} with {@code dnsNames} as subject alternative names. */
    static TlsCertificate generate(String commonName, List<String> dnsNames, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME_OID), Der.utf8(commonName))));
            Instant now = Instant.now();
            byte[][] altNames = dnsNames.stream()
                    .map(n -> Der.tlv(0x82, n.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(byte[][]::new);
            byte[] extensions = Der.explicit(3, Der.sequence(
                    Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(Der.sequence(altNames)))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(2)),
                    Der.integer(new BigInteger(63, new SecureRandom())),
                    algorithm,
                    name,
                    Der.sequence(time(now.minus(Duration.ofHours(1))), time(now.plus(validity))),
                    name,
                    pair.getPublic().getEncoded(),
                    extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            return TlsCertificate.of("default", pair.getPrivate(), List.of(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the default ingress certificate", e);
        }
    }

    /** X.509 wants UTCTime through 2049 and GeneralizedTime from 2050 on. */
    private static byte[] time(Instant instant) {
        var utc = instant.atOffset(ZoneOffset.UTC);
        return utc.getYear() < 2050
                ? Der.tlv(Der.UTC_TIME, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII))
                : Der.tlv(Der.GENERALIZED_TIME, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }
}
