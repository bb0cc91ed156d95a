package dev.skiff.engine.net.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsCertificateTest {
    private static TestCertificates.PemPair rsa;
    private static TestCertificates.PemPair ec;

    @BeforeAll
    static void makeCertificates() {
        rsa = TestCertificates.selfSigned("rsa.example.com", "RSA");
        ec = TestCertificates.selfSigned("ec.example.com", "EC");
    }

    @Test
    void readsPkcs8Keys() {
        assertThat(TlsCertificate.fromPem("ns/rsa", rsa.certificate(), rsa.privateKey()).privateKey().getAlgorithm())
                .isEqualTo("RSA");
        assertThat(TlsCertificate.fromPem("ns/ec", ec.certificate(), ec.privateKey()).privateKey().getAlgorithm())
                .isEqualTo("EC");
    }

    @Test
    void readsPkcs1RsaKeys() {
        String pkcs1 = TestCertificates.pkcs1(rsa.pkcs8());
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        TlsCertificate c = TlsCertificate.fromPem("ns/rsa", rsa.certificate(), pkcs1);

        assertThat(c.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(c.alias()).startsWith("ns/rsa#");
    }

    @Test
    void readsSec1EcKeys() {
        String sec1 = TestCertificates.sec1(ec.pkcs8());
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThat(TlsCertificate.fromPem("ns/ec", ec.certificate(), sec1).privateKey().getAlgorithm())
                .isEqualTo("EC");
    }

    @Test
    void readsChainsInOrder() {
        TlsCertificate c = TlsCertificate.fromPem("ns/chain", ec.certificate() + rsa.certificate(), ec.privateKey());

        assertThat(c.chain()).extracting(X509Certificate::getSubjectX500Principal)
                .extracting(Object::toString).containsExactly("CN=ec.example.com", "CN=rsa.example.com");
    }

    @Test
    void refusesAKeyThatBelongsToAnotherCertificate() {
        TestCertificates.PemPair other = TestCertificates.selfSigned("other.example.com", "EC");

        assertThatThrownBy(() -> TlsCertificate.fromPem("ns/x", ec.certificate(), other.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.key does not match the certificate in tls.crt");
        assertThatThrownBy(() -> TlsCertificate.fromPem("ns/x", ec.certificate(), rsa.privateKey()))
                .hasMessage("tls.key does not match the certificate in tls.crt");
    }

    @Test
    void refusesTextWithoutPem() {
        assertThatThrownBy(() -> TlsCertificate.fromPem("ns/x", "not a certificate", ec.privateKey()))
                .hasMessage("tls.crt holds no PEM CERTIFICATE block");
        assertThatThrownBy(() -> TlsCertificate.fromPem("ns/x", ec.certificate(),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
                .hasMessage("tls.key is encrypted; the key must not have a passphrase");
    }

    @Test
    void defaultCertificateIsASelfSignedP256CertificateThatVerifies() throws Exception {
        TlsCertificate c = DefaultCertificate.generate();
        X509Certificate x509 = c.chain().get(0);

        x509.verify(x509.getPublicKey());
        x509.checkValidity();
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=" + DefaultCertificate.COMMON_NAME);
        assertThat(x509.getSubjectAlternativeNames()).containsExactly(java.util.List.of(2, "localhost"));
        assertThat(c.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.alias()).startsWith("default#");
    }
}
