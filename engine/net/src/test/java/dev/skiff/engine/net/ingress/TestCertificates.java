package dev.skiff.engine.net.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates for tests, made by the JDK's keytool so that they do not come from the code under test. */
final class TestCertificates {
    /** PEM text of a certificate and of its private key in PKCS#8 form. */
    record PemPair(String certificate, String privateKey, byte[] pkcs8) {
    }

    private TestCertificates() {
    }

    /** A self-signed certificate for {@code host}; {@code keyAlgorithm} is "RSA" or "EC". */
    static PemPair selfSigned(String host, String keyAlgorithm) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ingress-test-cert");
            Path store = dir.resolve("store.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "k", "-keyalg", keyAlgorithm,
                    "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                    "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            Certificate cert = ks.getCertificate("k");
            PrivateKey key = (PrivateKey) ks.getKey("k", "changeit".toCharArray());
            return new PemPair(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", key.getEncoded()),
                    key.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp file left behind is not a test failure
                }
            }
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 RSA key, as "BEGIN RSA PRIVATE KEY" files hold it. */
    static String pkcs1(byte[] pkcs8) {
        List<Der.Element> info = Der.readOne(pkcs8).children();
        return pem("RSA PRIVATE KEY", info.get(2).content());
    }

    /** The SEC1 ECPrivateKey inside a PKCS#8 EC key, with its curve, as "BEGIN EC PRIVATE KEY" files hold it. */
    static String sec1(byte[] pkcs8) {
        List<Der.Element> info = Der.readOne(pkcs8).children();
        byte[] curve = info.get(1).children().get(1).encoded();
        List<Der.Element> ec = Der.readOne(info.get(2).content()).children();
        byte[] rebuilt = Der.sequence(ec.get(0).encoded(), ec.get(1).encoded(), Der.explicit(0, curve));
        return pem("EC PRIVATE KEY", rebuilt);
    }
}
