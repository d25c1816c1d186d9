package dev.deployverify.env;

import java.time.Duration;

/**
 * Every network call of the suite is bounded by one of these.
 *
 * @param connect   establishing a TCP/TLS/WebSocket connection
 * @param request   one HTTP request or WebSocket reply, connect excluded
 * @param flow      a whole asynchronous step of a user journey (an event arriving, a job finishing)
 * @param readiness how long the run waits for the target to report healthy before calling the run inconclusive
 */
public record Timeouts(Duration connect, Duration request, Duration flow, Duration readiness) {

    public static final Timeouts DEFAULTS =
            new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
}
