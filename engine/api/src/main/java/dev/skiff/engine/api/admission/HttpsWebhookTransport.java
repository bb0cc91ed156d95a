package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Calls webhooks over HTTPS with the JDK's HttpClient, as kube-apiserver's webhook client does: POST of the
 * AdmissionReview as JSON to {@code clientConfig.url} or to the service's address, with {@code ?timeout=Ns},
 * trusting exactly the CAs of {@code clientConfig.caBundle} when it is set and the JDK's default CAs otherwise.
 *
 * <p>For a {@code service} reference the certificate must be valid for {@code NAME.NAMESPACE.svc} (what
 * kube-apiserver checks), even when the resolver maps the service to another address.
 */
public final class HttpsWebhookTransport implements WebhookTransport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Function<JsonNode, URI> serviceResolver;
    /** One client per distinct (caBundle, server name) pair: TLS trust is fixed when a client is built. */
    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();

    private record ClientKey(String caBundle, String serverName) {}

    /** Resolves services to {@code https://NAME.NAMESPACE.svc:PORT/PATH}. */
    public HttpsWebhookTransport() {
        this(HttpsWebhookTransport::serviceUri);
    }

    /** @param serviceResolver maps a {@code clientConfig.service} object to the URI to call */
    public HttpsWebhookTransport(Function<JsonNode, URI> serviceResolver) {
        this.serviceResolver = serviceResolver;
    }

    /** {@code https://NAME.NAMESPACE.svc:PORT/PATH}; port defaults to 443. */
    public static URI serviceUri(JsonNode service) {
        String path = service.path("path").asText("");
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        return URI.create("https://" + serviceHost(service) + ":" + service.path("port").asInt(443) + path);
    }

    private static String serviceHost(JsonNode service) {
        return service.path("name").asText() + "." + service.path("namespace").asText() + ".svc";
    }

    @Override
    public JsonNode call(JsonNode clientConfig, JsonNode admissionReview, Duration timeout)
            throws IOException, TimeoutException {
        URI target;
        String serverName = null;
        JsonNode url = clientConfig.get("url");
        JsonNode service = clientConfig.get("service");
        if (url != null && !url.isNull()) {
            try {
                target = new URI(url.asText());
            } catch (URISyntaxException e) {
                throw new IOException("parse \"" + url.asText() + "\": " + e.getMessage());
            }
        } else if (service != null && !service.isNull()) {
            target = serviceResolver.apply(service);
            if (!serviceHost(service).equalsIgnoreCase(target.getHost())) {
                serverName = serviceHost(service);
            }
        } else {
            throw new IOException("webhook clientConfig has neither url nor service");
        }
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            throw new IOException("webhook scheme must be https, got \"" + target.getScheme() + "\"");
        }
        String caBundle = clientConfig.path("caBundle").asText("");
        HttpClient client = client(new ClientKey(caBundle, serverName));
        URI withTimeout = withTimeoutParameter(target, timeout);
        String post = "Post \"" + withTimeout + "\": ";
        HttpRequest request = HttpRequest.newBuilder(withTimeout)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, */*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(admissionReview)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(post + "context deadline exceeded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(post + "context canceled");
        } catch (IOException e) {
            throw new IOException(post + describe(e, withTimeout), e);
        }
        return answer(response);
    }

    private HttpClient client(ClientKey key) throws IOException {
        HttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        HttpClient created = HttpClient.newBuilder().sslContext(sslContext(key)).build();
        HttpClient raced = clients.putIfAbsent(key, created);
        return raced == null ? created : raced;
    }

    private static JsonNode answer(HttpResponse<byte[]> response) throws IOException {
        int status = response.statusCode();
        JsonNode body = null;
        try {
            body = response.body().length == 0 ? null : MAPPER.readTree(response.body());
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw new IOException("couldn't decode response: " + e.getMessage());
            }
        }
        if (status / 100 != 2) {
            if (body != null && "Status".equals(body.path("kind").asText()) && !body.path("message").asText().isEmpty()) {
                throw new IOException(body.path("message").asText());
            }
            throw new IOException("the server responded with the status code " + status
                    + " but did not return more information");
        }
        if (body == null) {
            throw new IOException("couldn't decode response: empty body");
        }
        return body;
    }

    /** kube-apiserver tells the webhook its deadline, rounded up to whole seconds. */
    private static URI withTimeoutParameter(URI target, Duration timeout) {
        long seconds = (timeout.toMillis() + 999) / 1000;
        String query = target.getRawQuery();
        String parameter = "timeout=" + seconds + "s";
        String uri = target.toString();
        int fragment = uri.indexOf('#');
        String base = fragment < 0 ? uri : uri.substring(0, fragment);
        return URI.create(base + (query == null || query.isEmpty() ? "?" : "&") + parameter);
    }

    /** The failure in the words of Go's HTTP client where it has them. */
    private static String describe(IOException e, URI target) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                String message = String.valueOf(t.getMessage());
                if (message.startsWith("x509: ")) {
                    return "tls: failed to verify certificate: " + message;
                }
                if (message.contains("No subject alternative") || message.contains("No name matching")) {
                    return "tls: failed to verify certificate: x509: certificate is not valid for " + target.getHost();
                }
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
            }
            if (t instanceof ConnectException) {
                return "dial tcp " + target.getHost() + ":" + port(target) + ": connect: connection refused";
            }
        }
        if (e instanceof SSLHandshakeException) {
            return "remote error: tls: " + e.getMessage();
        }
        return Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    }

    private static int port(URI target) {
        return target.getPort() < 0 ? 443 : target.getPort();
    }

    private static SSLContext sslContext(ClientKey key) throws IOException {
        try {
            X509ExtendedTrustManager trust = trustManager(key.caBundle());
            if (key.serverName() != null) {
                trust = new ServiceNameTrustManager(trust, key.serverName());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to load root certificates: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(String caBundle) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundle.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            Collection<? extends java.security.cert.Certificate> certificates;
            try {
                byte[] pem = Base64.getDecoder().decode(caBundle);
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            } catch (IllegalArgumentException | CertificateException e) {
                throw new IOException("unable to load root certificates: unable to parse bytes as PEM block");
            }
            if (certificates.isEmpty()) {
                throw new IOException("unable to load root certificates: unable to parse bytes as PEM block");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /**
     * Checks the chain with the CAs, then the name {@code NAME.NAMESPACE.svc} instead of the host dialled (the
     * resolver may map the service to an address the certificate does not name).
     */
    private static final class ServiceNameTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager chain;
        private final String serverName;

        ServiceNameTrustManager(X509ExtendedTrustManager chain, String serverName) {
            this.chain = chain;
            this.serverName = serverName.toLowerCase(Locale.ROOT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
            checkName(certificates[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(certificates, authType);
        }

        private void checkName(X509Certificate certificate) throws CertificateException {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(2).equals(name.get(0)) && matches(String.valueOf(name.get(1)))) {
                        return;
                    }
                }
            }
            throw new CertificateException("x509: certificate is not valid for " + serverName);
        }

        private boolean matches(String dnsName) {
            String pattern = dnsName.toLowerCase(Locale.ROOT);
            if (pattern.startsWith("*.")) {
                int dot = serverName.indexOf('.');
                return dot > 0 && serverName.substring(dot).equals(pattern.substring(1));
            }
            return pattern.equals(serverName);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(certificates, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
