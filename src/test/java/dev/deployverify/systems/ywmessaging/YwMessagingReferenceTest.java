package dev.deployverify.systems.ywmessaging;

import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
class YwMessagingReferenceTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(YwMessagingChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSizeGreaterThanOrEqualTo(30);
        assertThat(outcome.skipped()).as("skipped checks and their reasons")
                .containsOnlyKeys("SSL certificates valid (not expiring within 30 days)")
                .allSatisfy((name, reason) -> assertThat(reason).contains("is not https"));
    }

    @Test
    void unknownFaultIsOneClearLine() {
        CheckRun.Outcome outcome = CheckRun.againstReference("ywmessaging.no-such-fault").run(YwMessagingChecks.HEALTH);

        assertThat(outcome.failed()).isNotEmpty();
        assertThat(outcome.failed().values()).allSatisfy(message ->
                assertThat(message).contains("unknown reference fault ywmessaging.no-such-fault").contains("known:"));
        assertThat(Map.copyOf(outcome.failed())).hasSizeLessThanOrEqualTo(1);
    }
}
