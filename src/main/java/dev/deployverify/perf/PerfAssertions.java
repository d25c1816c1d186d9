package dev.deployverify.perf;

import org.assertj.core.api.Assertions;

/** AssertJ's assertions plus the suite's own, from one static import. */
public class PerfAssertions extends Assertions {

    protected PerfAssertions() {
    }

    public static LatencyAssert assertThat(LatencySample actual) {
        return new LatencyAssert(actual);
    }
}
