package dev.deployverify.selftest.trust;

import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No false alarms: every check of every system against the healthy reference, {@code -Dfalse.alarms.runs} times
 * in a row (bench/false-alarms.sh runs it 20 times), with zero failures. Opt-in: it takes minutes.
 */
@EnabledIfSystemProperty(named = "false.alarms.runs", matches = "[1-9][0-9]*",
        disabledReason = "repeated healthy runs take minutes: opt in with -Dfalse.alarms.runs=20 (bench/false-alarms.sh)")
class FalseAlarmTest {

    @Test
    void theHealthyReferencePassesEveryCheckRunAfterRun() {
        RealServers.requirePostgresAndRedis();
        int runs = Integer.parseInt(System.getProperty("false.alarms.runs"));
        List<String> alarms = new ArrayList<>();
        long total = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            CheckRun.Outcome outcome = CheckRun.againstReference().runEveryCheck();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("false-alarm run %d/%d: %d passed, %d skipped, %d failed, %d ms%s%n", run, runs,
                    outcome.passed().size(), outcome.skipped().size(), outcome.failed().size(), millis,
                    outcome.failed().isEmpty() ? "" : " " + outcome.failed());
            assertThat(outcome.passed()).as("checks passing in run %d", run).hasSizeGreaterThan(100);
            int current = run;
            outcome.failed().forEach((check, message) -> alarms.add("run " + current + ": " + message));
        }
        System.out.printf("false alarms: %d in %d runs (%d of %d runs clean), %d s in all%n", alarms.size(), runs,
                runs - alarms.stream().map(a -> a.substring(0, a.indexOf(':'))).distinct().count(), runs,
                (System.nanoTime() - total) / 1_000_000_000);
        assertThat(alarms).as("checks failing against the healthy reference").isEmpty();
    }
}
