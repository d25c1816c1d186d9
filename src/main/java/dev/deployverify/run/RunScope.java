package dev.deployverify.run;

import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.http.RequestBudget;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the checks of one run share, across check classes: each system's {@link RequestBudget} (one counter for the
 * whole run) and values worth obtaining once per run, such as the test user's login. A login per class would spend
 * the rate limiter's allowance and, repeated after a failure, lock the test account out: a shared value is computed
 * once, and a failure to compute it is kept and reported by every check that needs it, never retried.
 */
public final class RunScope {

    private final Environment environment;
    private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Once<?>> shared = new ConcurrentHashMap<>();

    public RunScope(Environment environment) {
        this.environment = environment;
    }

    /** The system's request budget for this run. */
    public RequestBudget budget(SystemTarget target) {
        return budgets.computeIfAbsent(target.name(), name -> RequestBudget.of(target, environment.timeouts().flow()));
    }

    /** The value for (system, key), computed by the first check that asks; every later one gets the same outcome. */
    @SuppressWarnings("unchecked")
    public <T> T shared(String system, String key, Supplier<T> compute) {
        Once<T> once = (Once<T>) shared.computeIfAbsent(system + "/" + key, k -> new Once<>());
        return once.get(compute);
    }

    /** Puts each system's request count on the sign-off sheet and in the verdict's key figures. */
    public void report(RunRecord record) {
        budgets.values().stream().sorted(java.util.Comparator.comparing(RequestBudget::system)).forEach(budget -> {
            record.figure(new RunRecord.Figure(budget.system(), "Requests sent this run", budget.total(), "requests",
                    budget.summary()));
            if (budget.capped()) {
                record.figure(new RunRecord.Figure(budget.system(), "Requests to " + budget.scopeName() + " this run",
                        budget.limited(), "requests", "of a request budget of " + budget.budget()
                        + " per run (thresholds.requestBudget), kept under the deployment's rate limiter"));
            }
        });
    }

    /** A value computed once; its failure, once thrown, is thrown again (the same one) instead of computing again. */
    private static final class Once<T> {
        private boolean done;
        private T value;
        private Throwable failure;

        synchronized T get(Supplier<T> compute) {
            if (!done) {
                try {
                    value = compute.get();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                done = true;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return value;
        }
    }
}
