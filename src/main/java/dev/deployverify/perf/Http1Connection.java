package dev.deployverify.perf;

import dev.deployverify.env.Timeouts;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (TLS for https), blocking, used by one sender thread at a time. The load
 * engine's own client: a request costs a write and a read on the socket, with no thread hand-off, so the engine
 * measures the service rather than itself (bench/run.sh compares it with wrk). Responses are read to their end and
 * discarded; redirects are not followed. Connect and every read are bounded by the environment's timeouts.
 */
final class Http1Connection implements AutoCloseable {

    private final URI origin;
    private final Timeouts timeouts;
    private Socket socket;
    private long deadlineNanos;
    private InputStream in;
    private OutputStream out;
    /** The last answer's rate-limit headers (RateLimit-*, X-RateLimit-*, Retry-After), by lower-case name. */
    private final java.util.Map<String, String> rateLimitHeaders = new java.util.HashMap<>();

    Http1Connection(URI origin, Timeouts timeouts) {
        this.origin = origin;
        this.timeouts = timeouts;
    }

    /** Sends the request (already encoded) and returns the status code, reading and discarding the body. */
    int exchange(byte[] request, boolean head) throws IOException {
        // The whole exchange is bounded, not only each read: a server that dribbles a byte at a time would
        // otherwise hold a sender for as long as it likes.
        deadlineNanos = System.nanoTime() + timeouts.connect().toNanos() + timeouts.request().toNanos();
        if (socket == null) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse(head);
        } catch (IOException e) {
            close();  // the connection's state is unknown: the next request opens a new one
            throw e;
        }
    }

    private void open() throws IOException {
        boolean tls = "https".equalsIgnoreCase(origin.getScheme());
        int port = origin.getPort() != -1 ? origin.getPort() : tls ? 443 : 80;
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(origin.getHost(), port), (int) timeouts.connect().toMillis());
        plain.setSoTimeout((int) timeouts.request().toMillis());
        if (tls) {
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, origin.getHost(), port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");  // the certificate must name the host
            secure.setSSLParameters(parameters);
            secure.startHandshake();
            socket = secure;
        } else {
            socket = plain;
        }
        in = new BufferedInputStream(new DeadlineInputStream(socket.getInputStream()), 16 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** A rate-limit header of the last answer (RateLimit-*, X-RateLimit-*, Retry-After), or null. */
    String rateLimitHeader(String name) {
        return rateLimitHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    private int readResponse(boolean head) throws IOException {
        rateLimitHeaders.clear();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close") || (closeAfter && !value.equalsIgnoreCase("keep-alive"));
                default -> {
                    if (name.contains("ratelimit") || name.equals("retry-after")) {
                        rateLimitHeaders.put(name, value);
                    }
                }
            }
        }
        if (status == 100) {
            return readResponse(head);
        }
        boolean noBody = head || status == 204 || status == 304 || (status >= 100 && status < 200);
        if (!noBody) {
            if (chunked) {
                skipChunks();
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else {
                while (in.read() != -1) {
                    // no length: the body ends when the server closes the connection
                }
                closeAfter = true;
            }
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private void skipChunks() throws IOException {
        while (true) {
            String size = readLine();
            int extension = size.indexOf(';');
            long length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (length == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            skip(length);
            readLine();  // the CRLF after each chunk
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw new EOFException("connection closed with " + left + " bytes of the body unread");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        throw new EOFException("connection closed by the server mid-response");
    }

    /** The request as bytes on the wire: request line, Host, the given headers, Content-Length, body. */
    static byte[] encode(String method, URI uri, java.util.Map<String, java.util.List<String>> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        headers.forEach((name, values) -> values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n")));
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }

    /** Fails a read once the current exchange's deadline has passed. */
    private final class DeadlineInputStream extends java.io.FilterInputStream {
        DeadlineInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            return super.read(buffer, offset, length);
        }

        private void checkDeadline() throws java.net.SocketTimeoutException {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new java.net.SocketTimeoutException("the answer did not complete within "
                        + (timeouts.connect().toMillis() + timeouts.request().toMillis()) + " ms");
            }
        }
    }
}
