package dev.deployverify.selftest.infra;

import dev.deployverify.infra.RedisProbe;
import dev.deployverify.infra.RespConnection;
import dev.deployverify.reference.ThrowawayRedis;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-only Redis probe against a real Redis server started for this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD) // one Redis for the class; a test asserts its exact hit and miss counts
class RedisProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ThrowawayRedis redis;

    @BeforeAll
    void startRedis() throws IOException {
        RealServers.requireRedis();
        redis = ThrowawayRedis.start();
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private RedisProbe probe() throws IOException {
        return RedisProbe.connect(redis.readOnlyUrl(), TIMEOUT, TIMEOUT);
    }

    @Test
    void pingMemoryKeysAndLookups() throws IOException {
        try (RespConnection admin = redis.admin()) {
            admin.command("SET", "probe:a", "1");
            admin.command("SET", "probe:b", "2");
            admin.command("CONFIG", "RESETSTAT");
            admin.command("GET", "probe:a");
            admin.command("GET", "probe:a");
            admin.command("GET", "probe:b");
            admin.command("GET", "probe:missing");
        }
        try (RedisProbe probe = probe()) {
            assertThat(probe.ping()).isPositive().isLessThan(TIMEOUT);
            assertThat(probe.dbSize()).isEqualTo(2);
            RedisProbe.Memory memory = probe.memory();
            assertThat(memory.limited()).isTrue();
            assertThat(memory.maxMemoryBytes()).isEqualTo(ThrowawayRedis.MAX_MEMORY_BYTES);
            assertThat(memory.usedBytes()).isPositive();
            assertThat(memory.usedPercent()).isBetween(0.0, 10.0);
            RedisProbe.Keyspace keyspace = probe.keyspace();
            assertThat(keyspace.hits()).isEqualTo(3);
            assertThat(keyspace.misses()).isEqualTo(1);
            assertThat(keyspace.hitPercent()).isEqualTo(75.0);
        }
    }

    @Test
    void theChecksUserCannotWriteOrReadKeys() throws IOException {
        try (RespConnection readOnly = RespConnection.open(redis.readOnlyUrl(), TIMEOUT, TIMEOUT)) {
            assertThatThrownBy(() -> readOnly.command("SET", "k", "v")).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> readOnly.command("FLUSHDB")).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void aWrongPasswordIsAnAuthErrorThatDoesNotEchoIt() {
        String url = redis.readOnlyUrl().replaceFirst(":[0-9a-f]{32}@", ":wrong-password-123@");
        assertThatThrownBy(() -> RedisProbe.connect(url, TIMEOUT, TIMEOUT))
                .hasMessageStartingWith("AUTH: WRONGPASS").hasMessageNotContaining("wrong-password-123");
    }

    @Test
    void memoryWithoutMaxmemoryIsMeasuredAgainstTheMachine() {
        RedisProbe.Memory memory = new RedisProbe.Memory(1_000, 0, 10_000);
        assertThat(memory.limited()).isFalse();
        assertThat(memory.usedPercent()).isEqualTo(10.0);
    }

    @Test
    void parsesRedisUrls() {
        RespConnection.Endpoint full = RespConnection.Endpoint.parse("rediss://reader:p%40ss@cache.example:6380/2");
        assertThat(full).isEqualTo(new RespConnection.Endpoint("cache.example", 6380, true, "reader", "p@ss", 2));
        assertThat(full.toString()).isEqualTo("rediss://cache.example:6380/2").doesNotContain("p@ss");
        assertThat(RespConnection.Endpoint.parse("redis://:secret@localhost"))
                .isEqualTo(new RespConnection.Endpoint("localhost", 6379, false, null, "secret", 0));
        assertThatThrownBy(() -> RespConnection.Endpoint.parse("http://localhost:6379"))
                .hasMessageContaining("expected a redis:// or rediss:// URL");
        assertThatThrownBy(() -> RespConnection.Endpoint.parse("redis://localhost/cache"))
                .hasMessageContaining("expected a database number");
    }
}
