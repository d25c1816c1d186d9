package dev.deployverify.socketio;

import dev.deployverify.evidence.Redactor;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain WebSocket with text frames (no socket.io framing), as a check needs it: connect with a deadline, send,
 * wait for a frame with a deadline, time a request/reply round trip. A failure message says what arrived instead
 * and why the socket closed; the frame transcript (redacted) is kept for the evidence.
 */
public final class TextWebSocketClient implements AutoCloseable {

    private final Redactor redactor;
    private final long startNanos = System.nanoTime();
    private final List<String> frames = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private volatile String closeReason;
    private Socket socket;

    private TextWebSocketClient(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Opens the WebSocket.
     *
     * @throws AssertionError when it does not open within {@code timeout}, with the reason: a WebSocket that cannot
     *                        be opened is a finding about the deployment
     */
    public static TextWebSocketClient connect(URI uri, Map<String, String> headers, Duration timeout, Redactor redactor) {
        TextWebSocketClient client = new TextWebSocketClient(redactor);
        client.socket = client.new Socket(uri, headers, (int) timeout.toMillis());
        boolean open;
        try {
            open = client.socket.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
        if (!open) {
            client.close();
            throw new AssertionError("expected the WebSocket " + redactor.redact(uri.toString()) + " to open within "
                    + timeout.toMillis() + " ms, but it did not" + client.closeReasonText());
        }
        return client;
    }

    /**
     * @throws AssertionError when the WebSocket is no longer open (with why it closed): a connection that drops is a
     *                        finding about the deployment
     */
    public void send(String text) {
        if (!isOpen()) {
            throw new AssertionError("expected the WebSocket to be open to send '" + redactor.redact(text)
                    + "', but it was closed" + closeReasonText());
        }
        record("->", text);
        try {
            socket.send(text);
        } catch (WebsocketNotConnectedException e) {
            throw new AssertionError("expected the WebSocket to be open to send '" + redactor.redact(text)
                    + "', but it closed" + closeReasonText());
        }
    }

    /** How many frames have arrived so far: pass it to {@link #awaitFrame} to wait only for later ones. */
    public int frameCount() {
        synchronized (frames) {
            return frames.size();
        }
    }

    /**
     * Waits for a frame, from index {@code from} on, that matches; returns it.
     *
     * @param what what the frame is, for the failure message (e.g. "a 'complete' frame")
     * @throws AssertionError naming what was expected, the wait, and what arrived instead (or that the socket closed)
     */
    public String awaitFrame(int from, Predicate<String> matches, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (frames) {
            int seen = from;
            while (true) {
                for (; seen < frames.size(); seen++) {
                    if (matches.test(frames.get(seen))) {
                        return frames.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeReason != null) {
                    throw new AssertionError("expected " + what + " within " + timeout.toMillis() + " ms, but "
                            + (closeReason != null ? "the WebSocket closed first" + closeReasonText() : "none arrived")
                            + "; frames received: " + summary(frames.subList(Math.min(from, frames.size()), frames.size())));
                }
                try {
                    frames.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what);
                }
            }
        }
    }

    /** Sends {@code request} and waits for the next frame equal to {@code reply}; the client-observed round trip in microseconds. */
    public long roundTripMicros(String request, String reply, Duration timeout) {
        int from = frameCount();
        long start = System.nanoTime();
        send(request);
        awaitFrame(from, reply::equals, "'" + reply + "' in reply to '" + request + "'", timeout);
        return (System.nanoTime() - start) / 1000;
    }

    public List<String> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    public boolean isOpen() {
        return socket != null && socket.isOpen() && closeReason == null;
    }

    /** The frames exchanged, redacted, with milliseconds since the client was created: evidence for the report. */
    public String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    private void record(String direction, String frame) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        synchronized (transcript) {
            if (transcript.size() < 500) {
                transcript.add(String.format("%6d ms %s %s", ms, direction, redactor.redact(frame)));
            }
        }
    }

    private String summary(List<String> received) {
        if (received.isEmpty()) {
            return "none";
        }
        List<String> shown = received.size() <= 10 ? received : received.subList(received.size() - 10, received.size());
        return (received.size() > 10 ? "(" + received.size() + ", last 10) " : "") + redactor.redact(String.join(" | ", shown));
    }

    private String closeReasonText() {
        return closeReason == null ? "" : " (" + closeReason + ")";
    }

    private final class Socket extends WebSocketClient {
        Socket(URI uri, Map<String, String> headers, int connectTimeoutMs) {
            super(uri, new Draft_6455(), headers, connectTimeoutMs);
            setConnectionLostTimeout(0); // the checks' own waits bound every exchange
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            record("<-", "WebSocket open (HTTP " + handshake.getHttpStatus() + ")");
        }

        @Override
        public void onMessage(String message) {
            record("<-", message);
            synchronized (frames) {
                frames.add(message);
                frames.notifyAll();
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            record("<-", "WebSocket closed " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            if (closeReason == null) {
                closeReason = "closed by the " + (remote ? "server" : "client") + " with code " + code
                        + (reason == null || reason.isEmpty() ? "" : ": " + reason);
            }
            synchronized (frames) {
                frames.notifyAll();
            }
        }

        @Override
        public void onError(Exception ex) {
            record("<-", "error: " + ex.getMessage());
            if (closeReason == null) {
                closeReason = String.valueOf(ex.getMessage());
            }
            synchronized (frames) {
                frames.notifyAll();
            }
        }
    }
}
