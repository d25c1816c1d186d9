package dev.deployverify.selftest.report;

import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.report.ChecklistInReport;
import io.qameta.allure.AllureLifecycle;
import dev.deployverify.selftest.support.TestResultsInMemory;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The report's copy of a check, as allure-junit-platform hands it to Allure (testClass and testMethod labels, the
 * JUnit display name, the kind's and the system's old grouping), after {@link ChecklistInReport} has seen it.
 */
class ChecklistInReportTest {

    private static final String YW_CHECKLIST = "Production Deployment Checklist - YWMESSAGING Backend API";

    private final ChecklistInReport listener = new ChecklistInReport();

    @Test
    void aCheckIsNamedTaggedGroupedAndLinkedByItsItems() {
        TestResult result = resultOf("dev.deployverify.systems.dawg.checks.DawgHealthChecks", "databaseConnected",
                "Database connected (GET /api/health/db)", Status.PASSED);

        listener.beforeTestWrite(result);

        // The report's search matches names: the id leads the name.
        assertThat(result.getName()).isEqualTo("DAWG-14.3 Database connected (GET /api/health/db)");
        assertThat(values(result, "epic")).containsExactly("DAWG AI - Production Deployment Checklist");
        assertThat(values(result, "feature")).containsExactly(
                "Deployment Day (Day 0) / Deployment Steps / 7. Health Checks (T+15 minutes) › DAWG-14.3 Database connected");
        assertThat(values(result, "story")).isEmpty();
        assertThat(values(result, "tag")).contains("smoke", "dawg", "DAWG-14.3");
        assertThat(result.getLinks()).extracting(Link::getName, Link::getUrl)
                .containsExactly(tuple("DAWG-14.3 Database connected", "../sign-off/dawg.html#DAWG-14.3"));
    }

    @Test
    void aSkippedCheckOfSeveralItemsCarriesEachOfThem() {
        TestResult result = resultOf("dev.deployverify.systems.ywmessaging.checks.YwHealthChecks", "healthReturns200",
                "Verify health check endpoint returns 200 (GET /health, status ok)", Status.SKIPPED);

        listener.beforeTestWrite(result);

        assertThat(result.getName()).isEqualTo("YW-9.3, YW-31.1, YW-6.2 Verify health check endpoint returns 200 (GET /health, status ok)");
        assertThat(values(result, "epic")).containsExactly(YW_CHECKLIST);
        // One label per item, its section first: no label combination places the check under another item's section.
        assertThat(values(result, "feature")).containsExactly(
                "Phase 2: Deployment (0 minute - go live) / Deployment Process › YW-9.3 Verify health check endpoint returns 200",
                "Critical Commands Reference › YW-31.1 Health check: curl -s https://api.ywmessaging.com/health",
                "Phase 1: Pre-Deployment Verification (1 hour before) / Infrastructure Readiness › YW-6.2 Load balancer tested and responding");
        assertThat(values(result, "story")).isEmpty();
        assertThat(values(result, "tag")).contains("YW-9.3", "YW-31.1", "YW-6.2");
        assertThat(result.getLinks()).extracting(Link::getUrl).containsExactly(
                "../sign-off/ywmessaging.html#YW-9.3", "../sign-off/ywmessaging.html#YW-31.1", "../sign-off/ywmessaging.html#YW-6.2");
        assertThat(result.getStatus()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aContractCheckSaysWhichContractAndWhyNoItem() throws ReflectiveOperationException {
        String checkClass = "dev.deployverify.systems.ywmessaging.checks.YwEdgeSecurityChecks";
        TestResult result = resultOf(checkClass, "securityHeaders",
                "Security headers present: HSTS (1 year, includeSubDomains), CSP, X-Frame-Options DENY, nosniff, Referrer-Policy", Status.FAILED);
        VerifiesContract contract = Class.forName(checkClass).getDeclaredMethod("securityHeaders", dev.deployverify.verify.EdgeVerification.class).getAnnotation(VerifiesContract.class);

        listener.beforeTestWrite(result);

        assertThat(result.getName()).startsWith("Security headers present");
        assertThat(values(result, "epic")).containsExactly(YW_CHECKLIST);
        assertThat(values(result, "feature")).containsExactly("Contract checks (no checklist item)");
        assertThat(values(result, "story")).isEmpty();
        assertThat(values(result, "tag")).contains("contract");
        assertThat(result.getDescription()).contains(contract.value(), contract.uncoveredBecause())
                .contains("system brief ywmessaging.md");
        assertThat(result.getLinks()).isEmpty();
    }

    @Test
    void aResultThatIsNoCheckIsLeftAlone() {
        TestResult result = new TestResult().setName("Sign-off sheet: ywmessaging");
        result.getLabels().add(ResultsUtils.createFeatureLabel("Sign-off"));

        listener.beforeTestWrite(result);

        assertThat(result.getName()).isEqualTo("Sign-off sheet: ywmessaging");
        assertThat(values(result, "feature")).containsExactly("Sign-off");
    }

    @Test
    void allureFindsTheListener() {
        // Allure's lifecycle loads its listeners with the ServiceLoader: without the registration nothing changes.
        List<Class<?>> registered = new ArrayList<>();
        ServiceLoader.load(TestLifecycleListener.class).forEach(l -> registered.add(l.getClass()));
        assertThat(registered).contains(ChecklistInReport.class);
    }

    @Test
    void checksDisabledForAnAbsentSystemAreDescribedInTheReportToo(@TempDir Path dir) throws IOException {
        // ywmessaging is absent from this environment: JUnit disables its checks, Allure still writes a result for each.
        Path environment = dir.resolve("without-ywmessaging.yaml");
        Files.writeString(environment, """
                description: only SP-404, at an address where nothing answers
                timeouts:
                  connectSeconds: 1
                  requestSeconds: 1
                  readinessSeconds: 1
                systems:
                  sp404:
                    baseUrl: http://127.0.0.1:9
                """);
        TestResultsInMemory reported = new TestResultsInMemory();
        List<TestResult> written = reported.results();
        AllureLifecycle lifecycle = new AllureLifecycle(reported);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass("dev.deployverify.systems.ywmessaging.checks.YwHealthChecks"),
                        DiscoverySelectors.selectClass("dev.deployverify.systems.ywmessaging.checks.YwEdgeSecurityChecks"))
                .configurationParameter("basedir", System.getProperty("basedir", Path.of("").toAbsolutePath().toString()))
                .configurationParameter("env.file", environment.toString())
                .configurationParameter("checks", "")
                .configurationParameter("reports.dir", dir.resolve("reports").toString())
                // Surefire's own Allure listener is off for the suite's tests; this run gets its own, writing to memory.
                .configurationParameter("junit.platform.execution.listeners.deactivate", "*")
                .build();

        LauncherFactory.create().execute(request, new AllureJunitPlatform(lifecycle));

        assertThat(written).as("results written").hasSizeGreaterThan(5).allSatisfy(result -> {
            assertThat(result.getStatus()).as(result.getName()).isEqualTo(Status.SKIPPED);
            assertThat(values(result, "epic")).as(result.getName()).containsExactly(YW_CHECKLIST);
        });
        assertThat(written).extracting(TestResult::getName)
                .contains("YW-9.3, YW-31.1, YW-6.2 Verify health check endpoint returns 200 (GET /health, status ok)");
        assertThat(written).filteredOn(r -> values(r, "feature").contains(ChecklistInReport.CONTRACT_FEATURE))
                .extracting(TestResult::getName).hasSize(4).allSatisfy(name -> assertThat(name).doesNotContain("YW-"));
    }

    /** What allure-junit-platform writes for a check: its class and method, tags, and the grouping the old annotations gave. */
    private static TestResult resultOf(String testClass, String testMethod, String displayName, Status status) {
        TestResult result = new TestResult().setName(displayName).setStatus(status);
        result.getLabels().addAll(List.of(
                ResultsUtils.createTagLabel("smoke"),
                ResultsUtils.createTagLabel(testClass.split("\\.")[3]),
                ResultsUtils.createEpicLabel("the system's old epic"),
                ResultsUtils.createFeatureLabel("Smoke"),
                ResultsUtils.createTestClassLabel(testClass),
                ResultsUtils.createTestMethodLabel(testMethod)));
        return result;
    }

    private static List<String> values(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).toList();
    }
}
