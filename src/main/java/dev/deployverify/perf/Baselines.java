package dev.deployverify.perf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latency baselines of one environment: a small JSON file in reports/&lt;env&gt;/ keyed by check and endpoint,
 * holding the percentiles of the last run that did not regress, with the deployed version they were measured on.
 */
public final class Baselines {

    public static final String FILE_NAME = "perf-baselines.json";

    /** One stored measurement. */
    public record Baseline(double p50Ms, double p95Ms, double p99Ms, long samples, String version, String recordedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object LOCK = new Object();

    private final Path file;

    public Baselines(Path reportsDir) {
        this.file = reportsDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Optional<Baseline> get(String key) {
        synchronized (LOCK) {
            return Optional.ofNullable(read().get(key));
        }
    }

    /**
     * Stores the sample's percentiles as the baseline of {@code key}. A sample whose p95 is not established by
     * expected answers (all 404s, say) is refused: wrong answers never become a baseline.
     *
     * @throws IllegalArgumentException for such a sample; nothing is written
     */
    public void put(String key, LatencySample sample, String version) {
        long wrong = sample.count() - sample.answered();
        if (sample.answered() == 0 || wrong > sample.count() * 0.05) {
            throw new IllegalArgumentException("not storing " + key + " as a baseline: expected answers that were "
                    + sample.expected() + ", but " + wrong + " of " + sample.count() + " requests got something else ("
                    + sample.wrongOutcomes() + ")");
        }
        synchronized (LOCK) {
            Map<String, Baseline> all = read();
            all.put(key, new Baseline(round(sample.percentileMs(50)), round(sample.percentileMs(95)), round(sample.percentileMs(99)),
                    sample.answered(), version, Instant.now().toString()));
            try {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
                JSON.writeValue(temporary.toFile(), all);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write latency baselines " + file, e);
            }
        }
    }

    private Map<String, Baseline> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Baseline>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read latency baselines " + file + " (delete it to start over)", e);
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
