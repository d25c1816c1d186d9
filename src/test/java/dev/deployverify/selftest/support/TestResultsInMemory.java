package dev.deployverify.selftest.support;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Allure results writer that keeps the test results it is given, for a test to read what a run reported; the
 * containers and attachments are dropped.
 */
public final class TestResultsInMemory implements AllureResultsWriter {

    private final List<TestResult> results = new CopyOnWriteArrayList<>();

    /** The results written so far, in order. */
    public List<TestResult> results() {
        return results;
    }

    @Override
    public void write(TestResult result) {
        results.add(result);
    }

    @Override
    public void write(TestResultContainer container) {
    }

    @Override
    public void write(String source, InputStream attachment) {
    }
}
