package dev.deployverify.verify;

import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LatencySample;
import io.qameta.allure.Allure;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * The bodies of the latency checks every system makes: client-observed samples of its endpoints (taken once, then
 * judged by several checks), each percentile held to its threshold over at least the samples asked for, the error
 * rate held to its limit, and the p95 held to the environment's stored baseline. Every check attaches the percentile
 * chart and table and puts the figure on the sign-off sheet; the threshold and the sample count applied are the
 * check's report parameters ({@code thresholds.p95Ms}, {@code thresholds.latencySamples}).
 *
 * <pre>{@code
 * samples = List.of(latency.get("health").sample(), latency.get("stories").query("page_size=20").bearer(token).sample());
 * ...
 * latency.percentileWithin(95, "p95Ms", samples);
 * latency.errorRateWithin("errorRatePercent", samples);
 * }</pre>
 */
public final class LatencyVerification {

    private final SystemUnderTest sut;
    private final Thresholds thresholds;
    private final LatencyEvidence evidence;
    /** What each sample taken here was asked for: the threshold naming its count, and the count. */
    private final Map<LatencySample, Asked> asked = Collections.synchronizedMap(new IdentityHashMap<>());

    private record Asked(String countKey, int count) {
    }

    public LatencyVerification(SystemUnderTest sut) {
        this.sut = sut;
        this.thresholds = new Thresholds(sut);
        this.evidence = new LatencyEvidence(sut);
    }

    // ---- sampling ------------------------------------------------------------------------------------------------

    /** A GET of the named path, labelled "GET &lt;path&gt;", sampled {@code latencySamples} times after {@code warmupRequests}. */
    public Probe get(String pathKey) {
        return new Probe("GET " + sut.target().path(pathKey), sut.target().url(pathKey).toString(), null, "", List.of(),
                "warmupRequests", "latencySamples", "");
    }

    /** A request of the system's own making (method, URI, headers, body), sampled as {@link #get} is. */
    public Probe request(String label, HttpRequest.Builder request) {
        return new Probe(label, null, request, "", List.of(), "warmupRequests", "latencySamples", "");
    }

    /** One endpoint to sample: immutable, each setter a new probe. */
    public final class Probe {
        private final String label;
        private final String url;
        private final HttpRequest.Builder prepared;
        private final String query;
        private final List<String[]> headers;
        private final String warmupKey;
        private final String countKey;
        private final String note;

        private Probe(String label, String url, HttpRequest.Builder prepared, String query, List<String[]> headers,
                      String warmupKey, String countKey, String note) {
            this.label = label;
            this.url = url;
            this.prepared = prepared;
            this.query = query;
            this.headers = headers;
            this.warmupKey = warmupKey;
            this.countKey = countKey;
            this.note = note;
        }

        /** A query string sent with each GET (not part of the label, which names the endpoint). */
        public Probe query(String query) {
            if (prepared != null) {
                throw new IllegalStateException("a prepared request carries its own query: " + label);
            }
            return new Probe(label, url, null, query, headers, warmupKey, countKey, note);
        }

        public Probe header(String name, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[]{name, value});
            return new Probe(label, url, prepared, query, List.copyOf(more), warmupKey, countKey, note);
        }

        public Probe bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** Labelled as given (the label is the key of the endpoint's stored baseline). */
        public Probe labelled(String label) {
            return new Probe(label, url, prepared, query, headers, warmupKey, countKey, note);
        }

        /** The thresholds giving the warm-up and the sample count (a route inside a rate limiter gets fewer). */
        public Probe counts(String warmupKey, String countKey) {
            return new Probe(label, url, prepared, query, headers, warmupKey, countKey, note);
        }

        /** Said in the report's step, e.g. "outside the /api rate limiter". */
        public Probe note(String note) {
            return new Probe(label, url, prepared, query, headers, warmupKey, countKey, note);
        }

        /** Sends the warm-up and the samples, one after another, as a step of the report. */
        public LatencySample sample() {
            int warmup = sut.target().intThreshold(warmupKey);
            int count = sut.target().intThreshold(countKey);
            HttpRequest.Builder request = prepared != null ? prepared.copy()
                    : HttpRequest.newBuilder(URI.create(query.isEmpty() ? url : url + "?" + query));
            headers.forEach(h -> request.header(h[0], h[1]));
            LatencySample sample = Allure.step("Sample " + label + " (" + count + " requests" + (note.isEmpty() ? "" : ", " + note) + ")",
                    () -> sut.latencySampler().sample(label, request, warmup, count));
            asked.put(sample, new Asked(countKey, count));
            return sample;
        }
    }

    // ---- judging -------------------------------------------------------------------------------------------------

    /**
     * Each sample's percentile is below the threshold {@code thresholdKey}, over at least the samples asked for, and
     * established by the expected answers (a sample of 404s is no latency).
     */
    public void percentileWithin(double percentile, String thresholdKey, List<LatencySample> samples) {
        double budget = thresholds.value(thresholdKey);
        List<Asked> sampled = samples.stream().map(this::asked).toList();  // every count reported, whichever fails
        for (int i = 0; i < samples.size(); i++) {
            judge(samples.get(i), percentile, budget, sampled.get(i).count());
        }
    }

    /** As above, for a sample taken by the check itself, which must hold at least {@code required} measurements. */
    public void percentileWithin(double percentile, String thresholdKey, LatencySample sample, int required) {
        judge(sample, percentile, thresholds.value(thresholdKey), required);
    }

    /** Each sample's error rate (requests without the expected answer) is below the threshold, in percent. */
    public void errorRateWithin(String thresholdKey, List<LatencySample> samples) {
        double budget = thresholds.value(thresholdKey);
        for (LatencySample sample : samples) {
            sut.reportFigure(sample.label() + " error rate", sample.errorRatePercent(), "%",
                    sample.errors() + " of " + sample.count() + " requests, budget " + budget + " %");
            assertThat(sample).hasErrorRateBelow(budget);
        }
    }

    /** Every request of the sample got the expected answer. */
    public void noErrors(LatencySample sample) {
        assertThat(sample.errors()).as("failed requests of %s (expected none; outcomes %s)", sample.label(), sample.outcomes()).isZero();
    }

    /**
     * Each sample's p95 has not degraded against this environment's stored baseline of the check {@code check} (see
     * {@link LatencyEvidence#assertP95WithinBaseline}); the ratio and margin applied are report parameters.
     */
    public void p95WithinBaseline(String check, List<LatencySample> samples) {
        thresholds.value("p95RegressionRatio");
        thresholds.value("p95RegressionMinMs");
        samples.forEach(sample -> evidence.assertP95WithinBaseline(check, sample));
    }

    /** Attaches the sample's chart with the threshold's budget line, without judging it. */
    public void attach(LatencySample sample, double percentile, String thresholdKey) {
        evidence.attach(sample, percentile, thresholds.value(thresholdKey));
    }

    private void judge(LatencySample sample, double percentile, double budget, int required) {
        evidence.attach(sample, percentile, budget);
        assertThat(sample).hasAtLeastSamples(required).hasPercentileBelow(percentile, budget);
    }

    private Asked asked(LatencySample sample) {
        Asked sampled = asked.get(sample);
        if (sampled == null) {
            throw new IllegalArgumentException(sample + " was not taken by this verification: give the samples it must hold");
        }
        Thresholds.applied("thresholds." + sampled.countKey(), String.valueOf(sampled.count()));
        return sampled;
    }
}
