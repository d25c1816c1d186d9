import dev.deployverify.env.Timeouts;
import dev.deployverify.perf.LoadGenerator;
import dev.deployverify.perf.LoadResult;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures the suite's load engine on one endpoint, in this JVM (the server runs in another), and prints its
 * figures as "ENGINE key=value ..." lines for bench/run.sh to set against wrk's.
 *
 * args: url runs(single,max,open) connections seconds openRate
 */
public class LoadBenchmark {

    public static void main(String[] args) {
        URI url = URI.create(args[0]);
        String runs = args[1];
        int connections = Integer.parseInt(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        int openRate = Integer.parseInt(args[4]);
        LoadGenerator engine = new LoadGenerator(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        HttpRequest.Builder get = HttpRequest.newBuilder(url);

        // JIT warm-up of the engine, not measured.
        engine.closedModel("warm-up", get, 0, connections, Duration.ofSeconds(2), Integer.MAX_VALUE);
        if (runs.contains("single")) {
            // Unloaded latency: one connection, one request at a time (compared with wrk -c1).
            measure("single", () -> engine.closedModel("single", get, 200, 1, duration, Integer.MAX_VALUE));
        }
        if (runs.contains("max")) {
            // Maximum sustained rate: as many users as wrk has connections, no think time.
            measure("max", () -> engine.closedModel("max", get, 0, connections, duration, Integer.MAX_VALUE));
        }
        if (runs.contains("open")) {
            // Open model: a constant arrival rate; drops and late starts counted.
            measure("open", () -> engine.openModel("open", get, 0, openRate, duration, Integer.MAX_VALUE, 64));
        }
    }

    /** Runs one measurement and prints it with the CPU this JVM spent on it (the server runs elsewhere). */
    private static void measure(String name, Supplier<LoadResult> run) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        LoadResult result = run.get();
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long requests = result.sample().count();
        System.out.println(String.format(Locale.ROOT,
                "ENGINE run=%s rate=%.1f p50=%.0f p95=%.0f p99=%.0f requests=%d errors=%d dropped=%d late=%d maxBehindUs=%d cpuUsPerRequest=%.1f",
                name, result.achievedRate(), result.sample().percentileMs(50) * 1000, result.sample().percentileMs(95) * 1000,
                result.sample().percentileMs(99) * 1000, requests, result.sample().errors(), result.dropped(), result.late(),
                result.maxBehind().toNanos() / 1000, requests == 0 ? 0 : cpuNanos / 1000.0 / requests));
    }
}
