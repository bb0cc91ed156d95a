package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoQuote;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Sends one HTTP/1.1 GET as the kubelet's probe and lifecycle clients do: a fresh connection each time
 * ({@code Connection: close}), server certificates not verified, redirects followed only while they stay on the
 * same host (at most 10), one deadline for the whole exchange, at most 10 KiB of body read. Errors are worded as
 * Go's HTTP client words them, e.g. {@code Get "http://127.1.0.5:8080/healthz": dial tcp 127.1.0.5:8080: connect:
 * connection refused}.
 */
final class HttpGet {
    static final int MAX_BODY_BYTES = 10 * 1024;
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_HEAD_BYTES = 1 << 20;
    private static final Set<Integer> FOLLOWED = Set.of(301, 302, 303, 307, 308);
    private static final String AWAITING_HEADERS = " (Client.Timeout exceeded while awaiting headers)";
    private static final String HTTP_TO_HTTPS = "http: server gave HTTP response to HTTPS client";

    private HttpGet() {
    }

    /** The final response: its status and the start of its body. */
    record Response(int status, String body) {
    }

    static Response send(HttpGetRequest first, Duration timeout) throws ActionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpGetRequest request = first;
        for (int redirects = 0; ; redirects++) {
            Socket socket = open(request, deadline);
            try {
                InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadline));
                write(request, socket);
                Head head = readHead(request, socket, in);
                String location = head.location();
                if (FOLLOWED.contains(head.status()) && location != null) {
                    URI next = resolve(request, location);
                    if (!next.getHost().equalsIgnoreCase(bracketed(first.host()))) {
                        // Go's client stops at a redirect to another host and hands back the redirect itself.
                        return new Response(head.status(), readBody(head, socket, in));
                    }
                    // Go's client gives up when it would send its eleventh request.
                    if (redirects + 1 >= MAX_REDIRECTS) {
                        throw failed("Get " + GoQuote.quote(location) + ": stopped after 10 redirects");
                    }
                    request = request.redirectTo(next, !URI.create(location.replace(" ", "%20")).isAbsolute());
                    continue;
                }
                return new Response(head.status(), readBody(head, socket, in));
            } finally {
                Dial.close(socket);
            }
        }
    }

    /** Whether an error means an HTTPS request reached a plain HTTP server (lifecycle hooks then retry with HTTP). */
    static boolean isHttpResponseToHttps(ActionException e) {
        return e.getMessage().endsWith(HTTP_TO_HTTPS);
    }

    private static Socket open(HttpGetRequest request, long deadline) throws ActionException {
        String prefix = "Get " + GoQuote.quote(request.url()) + ": ";
        if (!request.scheme().equals("http") && !request.scheme().equals("https")) {
            throw failed(prefix + "unsupported protocol scheme " + GoQuote.quote(request.scheme()));
        }
        Socket socket;
        try {
            socket = Dial.connect(request.host(), request.port(), remaining(deadline));
        } catch (ActionException e) {
            String suffix = e.kind() == ActionException.Kind.TIMED_OUT ? AWAITING_HEADERS : "";
            throw new ActionException(e.kind(), prefix + e.getMessage() + suffix);
        }
        if (request.scheme().equals("http")) {
            return socket;
        }
        try {
            SSLSocket tls = (SSLSocket) INSECURE_TLS.createSocket(socket, request.host(), request.port(), true);
            tls.setSoTimeout(Dial.millis(remaining(deadline)));
            tls.startHandshake();
            return tls;
        } catch (SocketTimeoutException e) {
            Dial.close(socket);
            throw timedOut(prefix + "context deadline exceeded" + AWAITING_HEADERS);
        } catch (SSLException e) {
            Dial.close(socket);
            String message = String.valueOf(e.getMessage());
            throw failed(prefix + (message.contains("Unsupported or unrecognized SSL message")
                    ? HTTP_TO_HTTPS : "tls: " + message));
        } catch (IOException e) {
            Dial.close(socket);
            throw failed(prefix + Dial.ioError("read", socket, e));
        }
    }

    private static void write(HttpGetRequest request, Socket socket) throws ActionException {
        StringBuilder head = new StringBuilder(256);
        head.append("GET ").append(request.target().isEmpty() ? "/" : request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(request.authority()).append("\r\n");
        String userAgent = request.first("User-Agent");
        if (userAgent != null && !userAgent.isEmpty()) {
            head.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        for (HttpGetRequest.Header h : request.headers()) {
            if (h.name().isEmpty() || h.name().chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 0x7f)) {
                throw failed("Get " + GoQuote.quote(request.url()) + ": net/http: invalid header field name "
                        + GoQuote.quote(h.name()));
            }
            if (h.value().indexOf('\r') >= 0 || h.value().indexOf('\n') >= 0) {
                throw failed("Get " + GoQuote.quote(request.url()) + ": net/http: invalid header field value for "
                        + GoQuote.quote(h.name()));
            }
            if (!h.name().equals("User-Agent")) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw failed("Get " + GoQuote.quote(request.url()) + ": " + Dial.ioError("write", socket, e));
        }
    }

    /** The status line and the headers the client looks at. */
    private record Head(int status, String location, long contentLength, boolean chunked) {
    }

    private static Head readHead(HttpGetRequest request, Socket socket, InputStream in) throws ActionException {
        String prefix = "Get " + GoQuote.quote(request.url()) + ": ";
        try {
            int[] budget = {MAX_HEAD_BYTES};
            while (true) {
                String statusLine = readLine(in, budget, true);
                if (statusLine == null) {
                    throw failed(prefix + "EOF");
                }
                int status = parseStatus(statusLine, prefix);
                String location = null;
                long length = -1;
                boolean chunked = false;
                for (String line = readLine(in, budget, false); !line.isEmpty(); line = readLine(in, budget, false)) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw failed(prefix + "malformed MIME header line: " + line);
                    }
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    switch (name) {
                        case "location" -> location = location == null ? value : location;
                        case "content-length" -> length = parseLength(value, prefix);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        default -> {
                        }
                    }
                }
                // Informational responses come before the real one, which Go's client waits for.
                if (status >= 100 && status < 200 && status != 101) {
                    continue;
                }
                boolean bodiless = status == 204 || status == 304 || status < 200;
                return new Head(status, location, bodiless ? 0 : length, !bodiless && chunked);
            }
        } catch (SocketTimeoutException e) {
            throw timedOut(prefix + "context deadline exceeded" + AWAITING_HEADERS);
        } catch (EOFException e) {
            throw failed(prefix + "unexpected EOF");
        } catch (IOException e) {
            throw failed(prefix + Dial.ioError("read", socket, e));
        }
    }

    private static int parseStatus(String line, String prefix) throws ActionException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw failed(prefix + "malformed HTTP response " + GoQuote.quote(line));
        }
        if (parts[1].length() != 3 || !parts[1].chars().allMatch(Character::isDigit)) {
            throw failed(prefix + "malformed HTTP status code " + GoQuote.quote(parts[1]));
        }
        return Integer.parseInt(parts[1]);
    }

    private static long parseLength(String value, String prefix) throws ActionException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw failed(prefix + "bad Content-Length " + GoQuote.quote(value));
    }

    /** Reads at most {@link #MAX_BODY_BYTES} of the body; the kubelet does not read further either. */
    private static String readBody(Head head, Socket socket, InputStream in) throws ActionException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (head.chunked()) {
                int[] budget = {MAX_HEAD_BYTES};
                while (body.size() < MAX_BODY_BYTES) {
                    String sizeLine = readLine(in, budget, false);
                    int semicolon = sizeLine.indexOf(';');
                    long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    copy(in, body, size);
                    readLine(in, budget, false);
                }
            } else {
                copy(in, body, head.contentLength() >= 0 ? head.contentLength() : Long.MAX_VALUE);
            }
        } catch (SocketTimeoutException e) {
            throw new ActionException(ActionException.Kind.BODY,
                    "context deadline exceeded (Client.Timeout or context cancellation while reading body)");
        } catch (EOFException e) {
            throw new ActionException(ActionException.Kind.BODY, "unexpected EOF");
        } catch (NumberFormatException e) {
            throw new ActionException(ActionException.Kind.BODY, "invalid byte in chunk length");
        } catch (IOException e) {
            throw new ActionException(ActionException.Kind.BODY, Dial.ioError("read", socket, e));
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Copies up to {@code length} bytes (stopping at the body limit); EOF before {@code length} is an error unless unbounded. */
    private static void copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
        byte[] buffer = new byte[4096];
        long left = length;
        while (left > 0 && body.size() < MAX_BODY_BYTES) {
            int want = (int) Math.min(buffer.length, Math.min(left, MAX_BODY_BYTES - body.size()));
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException();
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    /** One CRLF- or LF-terminated line; null at a clean EOF when {@code eofAllowed}. */
    private static String readLine(InputStream in, int[] budget, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException();
            }
            if (b == '\n') {
                break;
            }
            if (--budget[0] < 0) {
                throw new IOException("server response headers exceeded " + MAX_HEAD_BYTES + " bytes; aborted");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static URI resolve(HttpGetRequest request, String location) throws ActionException {
        try {
            URI base = new URI(request.scheme() + "://" + GoText.hostPort(request.host(), request.port())
                    + (request.target().isEmpty() ? "/" : request.target()));
            URI next = base.resolve(new URI(location.replace(" ", "%20")));
            if (next.getHost() == null) {
                throw new URISyntaxException(location, "missing host");
            }
            return next;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw failed("Get " + GoQuote.quote(request.url()) + ": failed to parse Location header "
                    + GoQuote.quote(location) + ": " + e.getMessage());
        }
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static ActionException failed(String message) {
        return new ActionException(ActionException.Kind.FAILED, message);
    }

    private static ActionException timedOut(String message) {
        return new ActionException(ActionException.Kind.TIMED_OUT, message);
    }

    /** Reads from a socket without passing the exchange's deadline. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final long deadline;
        private InputStream in;

        DeadlineInput(Socket socket, long deadline) {
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout(Dial.millis(Duration.ofNanos(left)));
            if (in == null) {
                in = socket.getInputStream();
            }
            return in.read(b, off, len);
        }
    }

    // The kubelet probes and calls hooks with InsecureSkipVerify: pods' certificates are not for the node to judge.
    private static final SSLSocketFactory INSECURE_TLS = insecureTls();

    private static SSLSocketFactory insecureTls() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JDK", e);
        }
    }
}
