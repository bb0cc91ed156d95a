package dev.skiff.engine.net.ingress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A tiny HTTP/1.1 client over plain sockets, so tests control every byte: the Host header, the SNI name, the
 * client's source address, chunked bodies.
 */
final class RawHttp {
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The "key=value" lines the test backends answer with. */
        Map<String, String> fields() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : text().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return m;
        }
    }

    private RawHttp() {
    }

    static Socket connect(InetSocketAddress server, InetAddress from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(server, 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** A TLS connection that sends {@code serverName} as SNI (none when null) and trusts any certificate. */
    static SSLSocket connectTls(InetSocketAddress server, String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(connect(server, null),
                server.getHostString(), server.getPort(), true);
        SSLParameters parameters = s.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        s.setSSLParameters(parameters);
        s.startHandshake();
        return s;
    }

    static Response get(Socket s, String host, String target, String... extraHeaders) throws IOException {
        return exchange(s, "GET", target, host, null, extraHeaders);
    }

    /** Sends one request (with a Content-Length body when {@code body} is not null) and reads the response. */
    static Response exchange(Socket s, String method, String target, String host, byte[] body,
            String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = s.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read(s.getInputStream(), method.equals("HEAD"));
    }

    static Response read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, List<String>> headers = headers(in);
        if (code == 100) {
            return read(in, head);
        }
        byte[] body;
        List<String> length = headers.get("content-length");
        if (head || code == 204 || code == 304 || code == 101) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else if ("chunked".equalsIgnoreCase(String.join("", headers.getOrDefault("transfer-encoding", List.of())))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] chunk;
            while ((chunk = chunk(in)) != null) {
                b.writeBytes(chunk);
            }
            body = b.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(code, headers, body);
    }

    static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** The next chunk of a chunked body, or null after the last one (its trailers read too). */
    static byte[] chunk(InputStream in) throws IOException {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
            headers(in);
            return null;
        }
        byte[] data = in.readNBytes(n);
        line(in);
        return data;
    }

    static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
