package dev.deployverify.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A socket.io v4 server endpoint for the stand-ins, with the framing the real socket.io server uses over a plain
 * WebSocket: Engine.IO open packet, server pings, {@code 40} namespace connect with an auth payload (or {@code 44}
 * refusal), {@code 42} events, acknowledgements ({@code 42<id>} answered by {@code 43<id>}), rooms.
 */
public final class SocketIoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a connecting client presented: the {@code 40} payload, and the upgrade request's query and headers. */
    public record Handshake(JsonNode auth, Function<String, String> query, Function<String, String> header) {
    }

    /** The server's answer to a connect: refuse with a message, or accept, join rooms and emit first events. */
    public record Decision(String refusal, Set<String> rooms, List<Map.Entry<String, Object>> onConnect) {
        public static Decision refuse(String message) {
            return new Decision(message, Set.of(), List.of());
        }

        public static Decision accept(Set<String> rooms, List<Map.Entry<String, Object>> onConnect) {
            return new Decision(null, rooms, onConnect);
        }
    }

    /** One connected client. */
    public final class Connection {
        private final WsContext ws;
        private final String sid = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        private final Set<String> rooms = ConcurrentHashMap.newKeySet();
        private volatile boolean connected;

        Connection(WsContext ws) {
            this.ws = ws;
        }

        public String sid() {
            return sid;
        }

        public void join(String room) {
            rooms.add(room);
        }

        public void emit(String event, Object payload) {
            if (silent) {
                return;
            }
            ArrayNode frame = JSON.createArrayNode().add(event);
            frame.add(JSON.valueToTree(payload));
            send("42" + frame);
        }

        /** Ends the connection without a socket.io disconnect packet, the way a dropped network or a proxy would. */
        public void drop() {
            synchronized (this) {
                if (ws.session.isOpen()) {
                    ws.closeSession(1001, "connection dropped");
                }
            }
        }

        void send(String frame) {
            synchronized (this) {
                if (ws.session.isOpen()) {
                    ws.send(frame);
                }
            }
        }
    }

    private final Function<Handshake, Decision> authenticator;
    private final Map<String, BiConsumer<Connection, JsonNode>> eventHandlers = new ConcurrentHashMap<>();
    private final Map<String, BiFunction<Connection, JsonNode, Object>> ackHandlers = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger;
    private final long pingIntervalMs;
    private final boolean silent;
    private volatile long dropAfterMs;

    /**
     * @param silent when true (a fault), the server connects clients but never emits an event
     */
    public SocketIoServer(Function<Handshake, Decision> authenticator, long pingIntervalMs, boolean silent) {
        this.authenticator = authenticator;
        this.pingIntervalMs = pingIntervalMs;
        this.silent = silent;
        this.pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "socket.io-pinger");
            thread.setDaemon(true);
            return thread;
        });
        pinger.scheduleAtFixedRate(() -> connections.values().forEach(c -> c.send("2")),
                pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Handles a client event ({@code 42["name", payload]}), e.g. {@code join:conversation}. */
    public SocketIoServer on(String event, BiConsumer<Connection, JsonNode> handler) {
        eventHandlers.put(event, handler);
        return this;
    }

    /** Handles a client event sent with an acknowledgement id; the handler's result is the acknowledgement. */
    public SocketIoServer onAck(String event, BiFunction<Connection, JsonNode, Object> handler) {
        ackHandlers.put(event, handler);
        return this;
    }

    /** A fault: every connection is dropped this long after its namespace connect. */
    public SocketIoServer dropConnectionsAfter(long millis) {
        this.dropAfterMs = millis;
        return this;
    }

    /** Serves socket.io at {@code path} (e.g. "/socket.io/"), and the HTTP answer to a request without a transport. */
    public void install(JavalinConfig config, String path) {
        config.routes.get(path, ctx -> ctx.status(400).json(Map.of("code", 0, "message", "Transport unknown")));
        config.routes.ws(path, ws -> {
            ws.onConnect(ctx -> {
                if (!"4".equals(ctx.queryParam("EIO")) || !"websocket".equals(ctx.queryParam("transport"))) {
                    ctx.closeSession(1008, "Transport unknown");
                    return;
                }
                ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(5));
                Connection connection = new Connection(ctx);
                connections.put(ctx.sessionId(), connection);
                connection.send("0" + JSON.writeValueAsString(Map.of("sid", connection.sid, "upgrades", List.of(),
                        "pingInterval", pingIntervalMs, "pingTimeout", 20_000, "maxPayload", 1_000_000)));
            });
            ws.onMessage(ctx -> {
                Connection connection = connections.get(ctx.sessionId());
                if (connection != null) {
                    onFrame(connection, ctx, ctx.message());
                }
            });
            ws.onClose(ctx -> connections.remove(ctx.sessionId()));
            ws.onError(ctx -> connections.remove(ctx.sessionId()));
        });
    }

    /** Emits to every connected client in the room. */
    public void emitToRoom(String room, String event, Object payload) {
        connections.values().stream()
                .filter(c -> c.connected && c.rooms.contains(room))
                .forEach(c -> c.emit(event, payload));
    }

    private void onFrame(Connection connection, WsContext ctx, String frame) {
        if (frame.equals("3")) {
            return; // pong
        }
        if (frame.startsWith("40")) {
            JsonNode auth = parse(frame.substring(2));
            Decision decision = authenticator.apply(new Handshake(auth, ctx::queryParam, ctx::header));
            if (decision.refusal() != null) {
                connection.send("44" + JSON.createObjectNode().put("message", decision.refusal()));
                return;
            }
            decision.rooms().forEach(connection::join);
            connection.connected = true;
            connection.send("40" + JSON.createObjectNode().put("sid", connection.sid));
            decision.onConnect().forEach(e -> connection.emit(e.getKey(), e.getValue()));
            if (dropAfterMs > 0) {
                pinger.schedule(connection::drop, dropAfterMs, TimeUnit.MILLISECONDS);
            }
        } else if (frame.startsWith("42") && connection.connected && frame.indexOf('[') > 0) {
            String ackId = frame.substring(2, frame.indexOf('['));
            JsonNode array = parse(frame.substring(frame.indexOf('[')));
            if (array.isArray() && !array.isEmpty()) {
                String event = array.get(0).asText();
                JsonNode payload = array.size() > 1 ? array.get(1) : NullNode.getInstance();
                BiFunction<Connection, JsonNode, Object> ackHandler = ackHandlers.get(event);
                if (!ackId.isEmpty() && ackHandler != null) {
                    connection.send("43" + ackId + JSON.createArrayNode().add(JSON.valueToTree(ackHandler.apply(connection, payload))));
                    return;
                }
                BiConsumer<Connection, JsonNode> handler = eventHandlers.get(event);
                if (handler != null) {
                    handler.accept(connection, payload);
                }
            }
        } else if (frame.startsWith("41")) {
            connection.connected = false;
        }
    }

    private static JsonNode parse(String json) {
        if (json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
    }
}
