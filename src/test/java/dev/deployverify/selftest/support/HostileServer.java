package dev.deployverify.selftest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A target that misbehaves the way real ones do, on loopback, written on raw sockets so that it can do what no
 * well-behaved HTTP server would: accept and never answer, answer one byte at a time, loop redirects, leave a
 * WebSocket upgrade hanging. Where the misbehaviour is not about every answer (byte-by-byte, WebSocket), {@code GET
 * /health} answers promptly, so the run gets past readiness and the checks themselves meet it.
 */
public final class HostileServer implements AutoCloseable {

    public enum Behaviour {
        /** Accepts connections and reads requests, but never answers anything. */
        ACCEPT_AND_NEVER_ANSWER,
        /** Answers /health at once, everything else one byte every 300 ms (each read well within the socket timeout). */
        SLOW_BYTE_BY_BYTE,
        /** 200 application/json whose body is not JSON. */
        INVALID_JSON,
        /** 200 text/html: a proxy's error page served with a success status. */
        HTML_ERROR_PAGE_200,
        /** 200 application/json with an empty body (Content-Length: 0), on every path. */
        EMPTY_200,
        /**
         * 200 application/json of 50 MB on every path ({"status":"ok","padding":"xxx..."}): a debug dump, a log file
         * served by mistake. Valid JSON, so only its size is hostile.
         */
        BODY_50_MB,
        /** Every path redirects to itself. */
        REDIRECT_LOOP,
        /** HTTP answers normally (JSON {"status":"ok"}); a WebSocket upgrade is read and never answered. */
        WEBSOCKET_NEVER_UPGRADES,
        /**
         * As engine.io attached to a Node server (YWMessaging, DAWG AI): answers plain requests with
         * {"status":"ok","version":"1.2.3"}, and closes any request offering an {@code Upgrade} that is not a
         * WebSocket one (an h2c offer) unanswered after 1 s.
         */
        CLOSES_NON_WEBSOCKET_UPGRADES,
        /**
         * /health and /health/* answer 200 {"status":"ok"}; everything else 404 with a JSON error body, as a gateway
         * in front of the wrong (or a half-deployed) service does.
         */
        NOT_FOUND_JSON
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    public HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "hostile-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A loopback port nothing listens on (bound, then released). */
    public static int refusedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> serve(socket), "hostile-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String target = head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "/";
                boolean health = target.equals("/health") || target.startsWith("/health?");
                switch (behaviour) {
                    case ACCEPT_AND_NEVER_ANSWER -> holdOpen(in);
                    case SLOW_BYTE_BY_BYTE -> {
                        if (health) {
                            write(out, 200, "application/json", "{\"status\":\"ok\"}", "");
                        } else {
                            dribble(out, response(200, "application/json", "{\"status\":\"ok\",\"padding\":\"" + "x".repeat(400) + "\"}", ""));
                        }
                    }
                    case INVALID_JSON -> write(out, 200, "application/json", "{\"status\": \"ok\", \"data\": [1, 2,", "");
                    case HTML_ERROR_PAGE_200 -> write(out, 200, "text/html",
                            "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>", "");
                    case EMPTY_200 -> write(out, 200, "application/json", "", "");
                    case BODY_50_MB -> writeHuge(out);
                    case REDIRECT_LOOP -> write(out, 302, "text/plain", "", "Location: " + target + "\r\n");
                    case CLOSES_NON_WEBSOCKET_UPGRADES -> {
                        String lower = head.toLowerCase();
                        if (lower.contains("\r\nupgrade:") && !lower.contains("upgrade: websocket")) {
                            Thread.sleep(1000);
                            return;
                        }
                        write(out, 200, "application/json", "{\"status\":\"ok\",\"version\":\"1.2.3\"}", "");
                    }
                    case NOT_FOUND_JSON -> {
                        if (health || target.startsWith("/health/")) {
                            write(out, 200, "application/json", "{\"status\":\"ok\"}", "");
                        } else {
                            String path = target.split("\\?", 2)[0];
                            write(out, 404, "application/json", "{\"error\":\"Not Found\",\"message\":\"Cannot "
                                    + head.split(" ", 2)[0] + " " + path + "\"}", "");
                        }
                    }
                    case WEBSOCKET_NEVER_UPGRADES -> {
                        if (head.toLowerCase().contains("upgrade: websocket")) {
                            holdOpen(in);
                        } else {
                            write(out, 200, "application/json", "{\"status\":\"ok\"}", "");
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client gave up (as it should) or the server closed: nothing to answer any more.
        }
    }

    /** The request line and headers; a body (if any, by Content-Length) is read and dropped. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                for (String line : head.toString().split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                    }
                }
                return head.toString();
            }
        }
        return null;
    }

    private static void holdOpen(InputStream in) throws IOException {
        while (in.read() != -1) {
            // Read whatever comes and never answer, until the client gives up.
        }
    }

    private static byte[] response(int status, String type, String body, String extraHeaders) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Hostile\r\nContent-Type: " + type + "\r\nContent-Length: " + content.length
                + "\r\n" + extraHeaders + "\r\n";
        byte[] bytes = new byte[head.length() + content.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
        System.arraycopy(content, 0, bytes, head.length(), content.length);
        return bytes;
    }

    private static void write(OutputStream out, int status, String type, String body, String extraHeaders) throws IOException {
        out.write(response(status, type, body, extraHeaders));
        out.flush();
    }

    /** The 50 MB answer, written in chunks (never held whole in memory). */
    private static void writeHuge(OutputStream out) throws IOException {
        byte[] start = "{\"status\":\"ok\",\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        int chunks = 50 * 1024 * 1024 / chunk.length;
        long length = start.length + (long) chunks * chunk.length + end.length;
        out.write(("HTTP/1.1 200 Hostile\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(start);
        for (int i = 0; i < chunks; i++) {
            out.write(chunk);
        }
        out.write(end);
        out.flush();
    }

    private static void dribble(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(300); // slower than any sane server, faster than any per-read socket timeout
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
