package dev.deployverify.reference;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

import java.util.function.Consumer;

/** Starts a Javalin server on an ephemeral loopback port: HTTP and WebSocket on one port, like the real services. */
public final class ReferenceServer implements AutoCloseable {

    private final Javalin app;

    private ReferenceServer(Javalin app) {
        this.app = app;
    }

    public static ReferenceServer start(Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            routes.accept(config);
        }).start();
        return new ReferenceServer(app);
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
