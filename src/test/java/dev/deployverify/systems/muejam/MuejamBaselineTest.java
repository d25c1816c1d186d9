package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.perf.Baselines;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Rollback if degrades by 50%": runs that keep their evidence (a reports directory) store the p95 per check and
 * endpoint; a later run against a slower deployment goes red on the baseline check, naming both numbers, and the
 * good baseline stays for the next run.
 */
@Isolated // a healthy run's p95 held to the baseline of an earlier one (20 ms): not with other runs beside it
class MuejamBaselineTest {

    private static final String BASELINE_CHECK = "Response Time: Rollback if degrades by 50%";

    @Test
    void aSlowerDeploymentIsRedAgainstTheBaselineOfTheFasterOne(@TempDir Path reports) {
        CheckRun.Outcome first = CheckRun.againstReference().with("reports.dir", reports.toString()).with("checks", "muejam").run(MuejamChecks.PERFORMANCE);
        assertThat(first.failed()).as("first run: no baseline yet, nothing to compare (%s)", first).isEmpty();
        assertThat(reports.resolve(Baselines.FILE_NAME)).as("baselines stored by the first run").exists();
        assertThat(new Baselines(reports).get("muejam / p95 / GET /v1/stories/")).as("the story list's stored baseline").isPresent();

        CheckRun.Outcome slower = CheckRun.againstReference("muejam.p95-regression").with("reports.dir", reports.toString()).with("checks", "muejam")
                .run(MuejamChecks.PERFORMANCE);
        assertThat(slower.failed().keySet()).as("checks red after the slower deployment (%s)", slower)
                .hasSize(2).anySatisfy(name -> assertThat(name).startsWith(BASELINE_CHECK));
        String message = slower.failed().entrySet().stream().filter(e -> e.getKey().startsWith(BASELINE_CHECK))
                .findFirst().orElseThrow().getValue();
        assertThat(message).contains(BASELINE_CHECK).contains("p95 degraded against the baseline")
                .contains("expected at most 1.5x the baseline's").contains("measured p95 =");

        CheckRun.Outcome again = CheckRun.againstReference().with("reports.dir", reports.toString()).with("checks", "muejam").run(MuejamChecks.PERFORMANCE);
        assertThat(again.failed()).as("back on the faster deployment: the good baseline was kept (%s)", again).isEmpty();
    }
}
