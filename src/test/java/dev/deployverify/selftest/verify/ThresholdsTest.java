package dev.deployverify.selftest.verify;

import dev.deployverify.verify.Thresholds;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import dev.deployverify.selftest.support.TestResultsInMemory;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The budget a check applied is a parameter of its page in the report, once, however many samples it judged. */
@Isolated // swaps Allure's process-wide lifecycle
class ThresholdsTest {

    private final TestResultsInMemory reported = new TestResultsInMemory();
    private final List<TestResult> written = reported.results();
    private AllureLifecycle previous;

    @BeforeEach
    void report() {
        previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(reported));
    }

    @AfterEach
    void restore() {
        Allure.setLifecycle(previous);
    }

    @Test
    void anAppliedThresholdIsAReportParameterOnce() {
        String uuid = UUID.randomUUID().toString();
        AllureLifecycle lifecycle = Allure.getLifecycle();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("Latency within expected range (< 500ms p95)"));
        lifecycle.startTestCase(uuid);

        Thresholds.applied("thresholds.p95Ms", Thresholds.format(750.0));
        Thresholds.applied("thresholds.p95Ms", Thresholds.format(750.0));
        Thresholds.applied("thresholds.latencySamples", "200");

        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
        assertThat(written).singleElement().extracting(TestResult::getParameters).asList()
                .extracting(p -> ((Parameter) p).getName() + " = " + ((Parameter) p).getValue())
                .containsExactly("thresholds.p95Ms = 750", "thresholds.latencySamples = 200");
    }

    @Test
    void outsideAReportNothingIsRecordedAndNothingFails() {
        assertThatCode(() -> Thresholds.applied("thresholds.p95Ms", "500")).doesNotThrowAnyException();
        assertThat(written).isEmpty();
    }

    @Test
    void numbersReadAsTheEnvironmentFileWritesThem() {
        assertThat(Thresholds.format(500.0)).isEqualTo("500");
        assertThat(Thresholds.format(0.1)).isEqualTo("0.1");
    }
}
