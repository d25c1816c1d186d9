package dev.deployverify.infra;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis connection speaking RESP2 over a socket with connect and read timeouts (TLS for {@code rediss://}),
 * authenticated and on the URL's database. It sends any command, so checks never use it directly: they use
 * {@link RedisProbe}, which only reads. (The reference deployment uses it to set up the Redis it verifies.)
 */
public final class RespConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Where a Redis URL points: {@code redis[s]://[[user]:password@]host[:port][/db]}. */
    public record Endpoint(String host, int port, boolean tls, String user, String password, int database) {

        public static Endpoint parse(String url) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a redis:// or rediss:// URL, got something that is not a URL");
            }
            String scheme = uri.getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected a redis:// or rediss:// URL with a host, got scheme "
                        + scheme + " and host " + uri.getHost());
            }
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? null : userInfo.substring(0, colon));
                password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/", "");
            int database;
            try {
                database = path.isEmpty() ? 0 : Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a database number after the host in the Redis URL, got '" + path + "'");
            }
            return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), "rediss".equals(scheme),
                    user, password, database);
        }

        private static String decode(String text) {
            return text == null || text.isEmpty() ? null : URLDecoder.decode(text, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database;
        }
    }

    public static RespConnection open(String url, Duration connectTimeout, Duration readTimeout) throws IOException {
        Endpoint endpoint = Endpoint.parse(url);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            if (endpoint.tls()) {
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, endpoint.host(), endpoint.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                socket = tls;
            }
            RespConnection connection = new RespConnection(socket);
            if (endpoint.password() != null) {
                connection.command(endpoint.user() == null ? List.of("AUTH", endpoint.password())
                        : List.of("AUTH", endpoint.user(), endpoint.password()));
            }
            if (endpoint.database() != 0) {
                connection.command(List.of("SELECT", Integer.toString(endpoint.database())));
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends a command and returns its reply: String, Long, List or null; an error reply is thrown. */
    public Object command(String... arguments) throws IOException {
        return command(List.of(arguments));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An error reply ({@code -ERR ...}) or a reply that is not what the command answers. */
    public static final class RedisException extends IOException {
        public RedisException(String message) {
            super(message);
        }
    }

    /** Sends a command and returns its reply; an error reply is thrown. */
    public Object command(List<String> arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + arguments.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        Object reply = readReply();
        if (reply instanceof RedisException error) {
            // AUTH's arguments are never echoed: the error names the command only.
            throw new RedisException(arguments.get(0) + ": " + error.getMessage());
        }
        return reply;
    }

    /** One RESP2 reply: simple string, error (returned, not thrown), integer, bulk string or array. */
    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RedisException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                if (bytes.length < length + 2) {
                    throw new EOFException("Redis closed the connection mid-reply");
                }
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                return items;
            }
            default:
                throw new RedisException("expected a RESP reply, got type byte '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("Redis closed the connection mid-reply");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }
}
