package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reports directory of one environment ({@code reports/<env>}) across a run's life: one run, one verdict. A run
 * starts by removing the previous run's verdict, sign-off sheets, report and raw results, and from then on its
 * {@code verdict.json} always belongs to it: "inconclusive" with the stage reached until the verdict is final. Only
 * the trend history ({@code history/}) and the latency baselines outlive a run.
 */
public final class RunEvidence {

    /** Left by the previous run; removed before this one writes anything. */
    private static final String[] PREVIOUS_RUN = {Verdict.FILE, "sign-off", "allure-report", "allure-results"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEvidence() {
    }

    /** At the start of a verifying run, once its environment is known to load (or known not to). */
    public static void begin(RunPlan plan, Path reportsDir) {
        for (String previous : PREVIOUS_RUN) {
            delete(reportsDir.resolve(previous));
        }
        Verdict.writeUnfinished(plan, Verdict.Stage.STARTED,
                "no check ran: nothing matched the selection, or the run stopped before its checks", reportsDir);
    }

    /**
     * When the checks start. A run started without {@link #begin} (the checks run on their own, outside Maven) still
     * removes an earlier run's verdict and sheets first; the raw results are the report plugin's to manage then.
     */
    public static void checking(RunPlan plan, Path reportsDir) {
        if (!read(reportsDir).map(v -> v.path("runId").asText()).filter(plan.runId()::equals).isPresent()) {
            delete(reportsDir.resolve(Verdict.FILE));
            delete(reportsDir.resolve("sign-off"));
        }
        Verdict.writeUnfinished(plan, Verdict.Stage.CHECKING,
                "the checks did not finish: the run stopped while they ran (interrupted, or the test JVM ended early)", reportsDir);
    }

    /** The verdict.json in the directory, if there is one that parses. */
    public static Optional<JsonNode> read(Path reportsDir) {
        Path file = reportsDir.resolve(Verdict.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the previous run's " + path
                    + ": it would be read as this run's evidence", e);
        }
    }
}
