package dev.deployverify.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.deployverify.evidence.Redactor;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A socket.io v4 client over a plain WebSocket, as a check needs it: connect the default namespace with an auth
 * payload, answer the server's pings, collect events, wait for one with a deadline, emit with an acknowledgement
 * (a round trip, for latency), and optionally reconnect after the server drops the connection, counting the drops.
 * Every wait is bounded; a failure message says what arrived instead. The frame transcript (redacted) is kept for
 * the evidence.
 */
public final class SocketIoClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event the server emitted, with when it arrived (client clock, for latency). */
    public record Event(String name, JsonNode payload, long receivedNanos) {
    }

    private final Redactor redactor;
    private final long startNanos = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final CompletableFuture<JsonNode> namespaceConnected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pendingAcks = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger nextAckId = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile int serverPings;
    private volatile long pingIntervalMs;
    private volatile boolean closing;
    private volatile boolean connectionLost;
    private volatile Duration reconnectDelay;
    private volatile Consumer<SocketIoClient> afterReconnect = client -> { };
    private Socket socket;

    private SocketIoClient(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Connects {@code <wsBase><path>?EIO=4&transport=websocket} and the default namespace.
     *
     * @param auth    the connect payload ({@code 40{...}}), e.g. {@code {"token": "..."}}; empty for none
     * @param headers extra upgrade headers (e.g. Authorization)
     * @throws SocketIoException when the WebSocket or the namespace connect fails or times out (with the reason)
     */
    public static SocketIoClient connect(URI wsBase, String path, Map<String, ?> auth, Map<String, String> headers,
                                         Duration timeout, Redactor redactor) {
        SocketIoClient client = new SocketIoClient(redactor);
        URI uri = URI.create(wsBase + path + (path.contains("?") ? "&" : "?") + "EIO=4&transport=websocket");
        client.socket = client.new Socket(uri, headers, auth, (int) timeout.toMillis());
        try {
            if (!client.socket.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new SocketIoException("expected the WebSocket to " + redactor.redact(uri.toString()) + " to open within "
                        + timeout.toMillis() + " ms, but it did not" + client.closeReason());
            }
            client.namespaceConnected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (TimeoutException e) {
            client.close();
            throw new SocketIoException("expected socket.io to connect within " + timeout.toMillis()
                    + " ms, but it did not; frames: " + client.transcriptSummary());
        } catch (ExecutionException e) {
            client.close();
            throw new SocketIoException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new SocketIoException("interrupted while connecting to " + redactor.redact(uri.toString()));
        }
    }

    /** The payload of the server's namespace-connect ({@code 40{...}}) frame. */
    public JsonNode connectPayload() {
        return namespaceConnected.getNow(NullNode.getInstance());
    }

    public void emit(String event, Object payload) {
        ArrayNode frame = JSON.createArrayNode().add(event);
        frame.add(JSON.valueToTree(payload));
        send("42" + frame);
    }

    /**
     * Emits with an acknowledgement id ({@code 42<id>[...]}) and waits for the server's {@code 43<id>[...]}: one
     * application-level round trip, the socket.io way to measure WebSocket latency.
     *
     * @return the first argument of the acknowledgement (null node when it had none)
     * @throws AssertionError naming the event and the wait when no acknowledgement arrives in time
     */
    public JsonNode emitWithAck(String event, Object payload, Duration timeout) {
        int id = nextAckId.getAndIncrement();
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        pendingAcks.put(id, ack);
        ArrayNode frame = JSON.createArrayNode().add(event);
        frame.add(JSON.valueToTree(payload));
        try {
            send("42" + id + frame);
            return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("expected an acknowledgement of '" + event + "' within " + timeout.toMillis()
                    + " ms, but none arrived" + (isOpen() ? "" : "; the socket closed" + closeReason()));
        } catch (WebsocketNotConnectedException e) {
            throw new AssertionError("expected to emit '" + event + "' with an acknowledgement, but the socket was not connected"
                    + closeReason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the acknowledgement of '" + event + "'");
        } finally {
            pendingAcks.remove(id);
        }
    }

    /**
     * After a connection the client did not close drops, reconnect (same URL, headers and auth) after
     * {@code delay}, then run {@code rejoin} (e.g. re-emit room joins, which the server forgets). Waits for events
     * span reconnections. Returns this client.
     */
    public SocketIoClient reconnecting(Duration delay, Consumer<SocketIoClient> rejoin) {
        this.reconnectDelay = delay;
        this.afterReconnect = rejoin;
        return this;
    }

    /**
     * Connections the server (or the network) closed while this client wanted them open; a drop is counted when the
     * WebSocket library's close callback has run, a moment after {@link #isOpen()} turned false.
     */
    public int disconnects() {
        return disconnects.get();
    }

    /** Successful reconnections after such a drop. */
    public int reconnects() {
        return reconnects.get();
    }

    /**
     * Waits for an event named {@code name} whose payload matches, including one that already arrived.
     *
     * @throws AssertionError naming the event, the wait and what arrived instead, when none matches in time: a
     *                        missing event is a finding about the deployment, not a problem of the client
     */
    public Event awaitEvent(String name, Predicate<JsonNode> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            int seen = 0;
            while (true) {
                for (; seen < events.size(); seen++) {
                    Event event = events.get(seen);
                    if (event.name().equals(name) && matches.test(event.payload())) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone() && seen == events.size()) {
                    throw new AssertionError("expected a matching '" + name + "' event within " + timeout.toMillis()
                            + " ms, but " + (closed.isDone() ? "the socket closed first" + closeReason() : "none arrived")
                            + "; events received: " + eventNames());
                }
                try {
                    events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for '" + name + "'");
                }
            }
        }
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The ping interval the server announced in its Engine.IO open packet, in ms (0 before it arrived). */
    public long pingIntervalMs() {
        return pingIntervalMs;
    }

    /** Engine.IO pings the server sent (and this client answered). */
    public int serverPings() {
        return serverPings;
    }

    public boolean isOpen() {
        return socket != null && socket.isOpen() && !closed.isDone();
    }

    /** The frames exchanged, redacted, with milliseconds since the client was created: evidence for the report. */
    public String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() {
        closing = true;
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    private void send(String frame) {
        record("->", frame);
        socket.send(frame);
    }

    private void record(String direction, String frame) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        synchronized (transcript) {
            if (transcript.size() < 500) {
                transcript.add(String.format("%6d ms %s %s", ms, direction, redactor.redact(frame)));
            }
        }
    }

    private String transcriptSummary() {
        synchronized (transcript) {
            return transcript.isEmpty() ? "none" : String.join(" | ", transcript);
        }
    }

    private List<String> eventNames() {
        synchronized (events) {
            return events.stream().map(Event::name).toList();
        }
    }

    private String closeReason() {
        return socket != null && socket.closeReason != null ? " (" + socket.closeReason + ")" : "";
    }

    private void onFrame(String frame, Map<String, ?> auth) {
        record("<-", frame);
        if (frame.startsWith("0")) {
            pingIntervalMs = parse(frame.substring(1)).path("pingInterval").asLong(0);
            send(auth.isEmpty() ? "40" : "40" + toJson(auth));
        } else if (frame.equals("2")) {
            serverPings++;
            send("3");
        } else if (frame.startsWith("40")) {
            if (namespaceConnected.isDone()) {
                reconnects.incrementAndGet();
                afterReconnect.accept(this);
            }
            namespaceConnected.complete(parse(frame.substring(2)));
        } else if (frame.startsWith("43")) {
            int start = frame.indexOf('[');
            CompletableFuture<JsonNode> ack = start < 0 ? null : pendingAcks.get(parseAckId(frame.substring(2, start)));
            if (ack != null) {
                JsonNode args = parse(frame.substring(start));
                ack.complete(args.isArray() && !args.isEmpty() ? args.get(0) : NullNode.getInstance());
            }
        } else if (frame.startsWith("44")) {
            JsonNode error = parse(frame.substring(2));
            namespaceConnected.completeExceptionally(new SocketIoException(
                    "socket.io refused the connection: " + redactor.redact(error.path("message").asText(error.toString()))));
        } else if (frame.startsWith("42")) {
            int start = frame.indexOf('[');
            JsonNode array = start < 0 ? NullNode.getInstance() : parse(frame.substring(start));
            if (array.isArray() && !array.isEmpty()) {
                Event event = new Event(array.get(0).asText(), array.size() > 1 ? array.get(1) : NullNode.getInstance(), System.nanoTime());
                synchronized (events) {
                    events.add(event);
                    events.notifyAll();
                }
            }
        } else if (frame.startsWith("41") || frame.equals("1")) {
            connectionLost("server disconnected (" + frame + ")");
        }
    }

    private static int parseAckId(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The server or the network ended the connection: count it, then reconnect if asked to, else close for good. */
    private void connectionLost(String reason) {
        if (closing) {
            markClosed(reason);
            return;
        }
        synchronized (this) {
            if (connectionLost) {
                return; // the 41 packet and the WebSocket close of one drop count once
            }
            connectionLost = true;
        }
        boolean wasConnected = namespaceConnected.isDone() && !namespaceConnected.isCompletedExceptionally();
        if (!wasConnected) {
            markClosed(reason); // refused or never connected: a failed connect, not a drop
            return;
        }
        disconnects.incrementAndGet();
        Duration delay = reconnectDelay;
        if (delay == null) {
            markClosed(reason);
            return;
        }
        record("--", "connection lost (" + reason + "); reconnecting in " + delay.toMillis() + " ms");
        // Not on the WebSocket's own thread: the library forbids reconnecting from its callbacks.
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            boolean reopened;
            try {
                connectionLost = false;
                reopened = !closing && socket.reconnectBlocking();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reopened = false;
            }
            if (!reopened) {
                markClosed(reason + "; reconnect failed");
            }
        });
    }

    private void markClosed(String reason) {
        if (socket != null && socket.closeReason == null) {
            socket.closeReason = reason;
        }
        closed.complete(null);
        namespaceConnected.completeExceptionally(new SocketIoException("connection closed before socket.io connect: " + reason));
        synchronized (events) {
            events.notifyAll();
        }
    }

    private static JsonNode parse(String json) {
        if (json.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final class Socket extends WebSocketClient {
        private final Map<String, ?> auth;
        private volatile String closeReason;

        Socket(URI uri, Map<String, String> headers, Map<String, ?> auth, int connectTimeoutMs) {
            super(uri, new org.java_websocket.drafts.Draft_6455(), new LinkedHashMap<>(headers), connectTimeoutMs);
            this.auth = auth;
            // Engine.IO keeps the connection alive with its own pings; the library's lost-connection check would
            // only add a second, unrelated timer.
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            record("<-", "WebSocket open (HTTP " + handshake.getHttpStatus() + ")");
        }

        @Override
        public void onMessage(String message) {
            onFrame(message, auth);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            record("<-", "WebSocket closed " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            connectionLost("WebSocket closed with code " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        }

        @Override
        public void onError(Exception ex) {
            record("<-", "error: " + ex.getMessage());
            if (closeReason == null) {
                closeReason = String.valueOf(ex.getMessage());
            }
        }
    }
}
