package dev.skiff.engine.net.ingress;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM text of a {@code kubernetes.io/tls} Secret: a certificate chain and a private key in any of the
 * forms tools write (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}).
 */
final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA_ENCRYPTION, "RSA",
            EC_PUBLIC_KEY, "EC",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** One PEM block: its label ("CERTIFICATE", "PRIVATE KEY") and its DER bytes. */
    record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2).replaceAll("\\s", "");
            try {
                out.add(new Block(m.group(1), Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the PEM block " + m.group(1) + " is not valid base64");
            }
        }
        return out;
    }

    static List<X509Certificate> certificates(String text) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text)) {
                if (b.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("tls.crt holds an invalid certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("tls.crt holds no PEM CERTIFICATE block");
        }
        return chain;
    }

    static PrivateKey privateKey(String text) {
        for (Block b : blocks(text)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.sequence(Der.integer(0),
                            Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()), Der.octetString(b.der())));
                case "EC PRIVATE KEY":
                    return pkcs8(Der.sequence(Der.integer(0),
                            Der.sequence(Der.oid(EC_PUBLIC_KEY), sec1Curve(b.der())), Der.octetString(b.der())));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("tls.key is encrypted; the key must not have a passphrase");
                default:
                    // EC PARAMETERS and the like precede the key in some files
            }
        }
        throw new IllegalArgumentException("tls.key holds no PEM private key block");
    }

    /** The named-curve OID of a SEC1 ECPrivateKey ({@code parameters [0]}), which PKCS#8 carries outside. */
    private static byte[] sec1Curve(byte[] sec1) {
        for (Der.Element e : Der.readOne(sec1).children()) {
            if (e.tag() == 0xa0) {
                return Der.readOne(e.content()).encoded();
            }
        }
        throw new IllegalArgumentException("tls.key is an EC key without its curve parameters");
    }

    private static PrivateKey pkcs8(byte[] der) {
        String algorithm = keyAlgorithm(der);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.key is not a valid " + algorithm + " private key: " + e.getMessage());
        }
    }

    /** The JDK key algorithm of a PKCS#8 PrivateKeyInfo, from its AlgorithmIdentifier. */
    private static String keyAlgorithm(byte[] der) {
        List<Der.Element> info;
        try {
            info = Der.readOne(der).children();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.key is not a DER PrivateKeyInfo: " + e.getMessage());
        }
        if (info.size() < 3) {
            throw new IllegalArgumentException("tls.key is not a PKCS#8 PrivateKeyInfo");
        }
        byte[] oid = info.get(1).children().get(0).encoded();
        for (var known : KEY_ALGORITHMS.entrySet()) {
            if (Arrays.equals(Der.oid(known.getKey()), oid)) {
                return known.getValue();
            }
        }
        throw new IllegalArgumentException("tls.key uses an unsupported key algorithm");
    }
}
