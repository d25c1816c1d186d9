package dev.deployverify.selftest.trust;

import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.FaultCatalogue;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection score: every fault of the catalogue switched on in turn, the checks expected to catch it run, and
 * a table of what went red. A fault counts as caught when every check its detection case names went red and no
 * other did (a fault caught only by an unrelated check is not caught). Target: 100%.
 * <p>
 * Opt-in ({@code mvn -o test -Dtest=DetectionScoreTest -Ddetection.score=true}, a few minutes): the per-system
 * fault detection tests already prove each fault in every build; this one adds the score and the table
 * (also written to {@code target/detection-score.md}).
 */
@EnabledIfSystemProperty(named = "detection.score", matches = "true",
        disabledReason = "the detection score re-runs every fault: opt in with -Ddetection.score=true")
class DetectionScoreTest {

    private record Row(FaultCatalogue.Fault fault, List<String> red, List<String> missed, List<String> unrelated, long millis) {
        boolean caught() {
            return !red.isEmpty() && missed.isEmpty() && unrelated.isEmpty();
        }
    }

    @Test
    void everyFaultIsCaughtByTheChecksThatVerifyWhatItBreaks() throws IOException {
        RealServers.requirePostgresAndRedis();
        Map<String, FaultExpectations.Expectation> expectations = FaultExpectations.all();
        List<Row> rows = new ArrayList<>();
        for (FaultCatalogue.Fault fault : FaultCatalogue.load()) {
            FaultExpectations.Expectation expected = expectations.get(fault.name());
            long start = System.nanoTime();
            CheckRun run = expected.environment() == null ? CheckRun.againstReference(fault.name())
                    : CheckRun.againstEnvironmentFile(expected.environment(), fault.name());
            CheckRun.Outcome outcome = run.run(expected.checks().toArray(Class<?>[]::new));
            List<String> red = List.copyOf(outcome.failed().keySet());
            List<String> missed = expected.red().stream()
                    .filter(name -> red.stream().noneMatch(check -> check.contains(name))).toList();
            List<String> unrelated = red.stream()
                    .filter(check -> expected.red().stream().noneMatch(check::contains)).toList();
            rows.add(new Row(fault, red, missed, unrelated, (System.nanoTime() - start) / 1_000_000));
        }

        String table = table(rows);
        System.out.println(table);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "detection-score.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);

        assertThat(rows).as("faults not caught, or caught by an unrelated check (see target/detection-score.md)")
                .filteredOn(row -> !row.caught())
                .extracting(row -> row.fault().name() + ": missed " + row.missed() + ", unrelated " + row.unrelated())
                .isEmpty();
    }

    private static String table(List<Row> rows) {
        long caught = rows.stream().filter(Row::caught).count();
        StringBuilder md = new StringBuilder();
        md.append(String.format("# Detection score: %d / %d faults caught (%.1f%%)%n%n", caught, rows.size(), 100.0 * caught / rows.size()));
        Map<String, int[]> bySystem = new TreeMap<>();
        Map<String, int[]> byKind = new TreeMap<>();
        rows.forEach(row -> {
            count(bySystem, row.fault().system(), row.caught());
            count(byKind, row.fault().kind().name().toLowerCase(), row.caught());
        });
        md.append("| system | caught / total |\n|---|---|\n");
        bySystem.forEach((system, n) -> md.append("| ").append(system).append(" | ").append(n[0]).append(" / ").append(n[1]).append(" |\n"));
        md.append("\n| kind | caught / total |\n|---|---|\n");
        byKind.forEach((kind, n) -> md.append("| ").append(kind).append(" | ").append(n[0]).append(" / ").append(n[1]).append(" |\n"));
        md.append("\n| fault | kind | violates | caught | checks red | ms |\n|---|---|---|---|---|---|\n");
        rows.forEach(row -> md.append("| ").append(row.fault().name())
                .append(" | ").append(row.fault().kind().name().toLowerCase())
                .append(" | ").append(row.fault().violation())
                .append(" | ").append(row.caught() ? "yes" : "NO: missed " + row.missed() + ", unrelated " + row.unrelated())
                .append(" | ").append(String.join("; ", row.red()))
                .append(" | ").append(row.millis()).append(" |\n"));
        return md.toString();
    }

    private static void count(Map<String, int[]> counts, String key, boolean caught) {
        int[] n = counts.computeIfAbsent(key, k -> new int[2]);
        n[0] += caught ? 1 : 0;
        n[1]++;
    }
}
