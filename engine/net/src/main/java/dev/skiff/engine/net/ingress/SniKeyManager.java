package dev.skiff.engine.net.ingress;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the server certificate of each TLS handshake from the current routing table by the name the client
 * asked for (SNI). The table is read on every handshake, so a new table takes effect for the next handshake
 * without rebuilding any TLS context; names nothing covers get the default certificate.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final TlsCertificate generated;
    private volatile IngressRoutes routes = IngressRoutes.empty();
    /** The certificates by alias of the current table and of the one before, for handshakes that span a swap. */
    private volatile Map<String, TlsCertificate> current;
    private volatile Map<String, TlsCertificate> previous;

    SniKeyManager(TlsCertificate generated) {
        this.generated = generated;
        this.current = byAlias(IngressRoutes.empty());
        this.previous = current;
    }

    synchronized void update(IngressRoutes next) {
        previous = current;
        current = byAlias(next);
        routes = next;
    }

    private Map<String, TlsCertificate> byAlias(IngressRoutes table) {
        Map<String, TlsCertificate> m = new HashMap<>();
        m.put(generated.alias(), generated);
        table.certificates().forEach(c -> m.put(c.alias(), c));
        return m;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
    }

    private String choose(String keyType, SSLSession handshake) {
        TlsCertificate chosen = routes.certificate(serverName(handshake)).orElse(generated);
        // null lets the JDK ask again with the next key type the client accepts (an RSA certificate answers a
        // client that prefers ECDSA when it is asked for "RSA")
        return chosen.servesKeyType(keyType) ? chosen.alias() : null;
    }

    private static String serverName(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsCertificate c = find(alias);
        return c == null ? null : c.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsCertificate c = find(alias);
        return c == null ? null : c.privateKey();
    }

    private TlsCertificate find(String alias) {
        if (alias == null) {
            return null;
        }
        TlsCertificate c = current.get(alias);
        return c != null ? c : previous.get(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.values().stream().filter(c -> c.servesKeyType(keyType))
                .map(TlsCertificate::alias).toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
