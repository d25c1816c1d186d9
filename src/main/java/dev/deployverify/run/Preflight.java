package dev.deployverify.run;

import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.Variables;

/**
 * Validates the run request and its environment before anything runs, so that a bad name, a missing secret or a typo is one
 * line and no check runs (see {@code dev.deployverify.run.RunStart}, which Maven runs right after compiling).
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * The environment as the run will load it. The reference deployment's own values do not exist yet (it has not
     * started): stand-ins take their place.
     *
     * @throws dev.deployverify.env.EnvironmentException one line saying what is wrong
     */
    public static Environment check(RunRequest request) {
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(request.environment());
        request.checkFaultsApplyTo(parsed);
        Variables variables = Variables.fromProcessEnvironment();
        if (parsed.isReference()) {
            variables = variables.orElse(Variables.referenceStandIns());
        }
        return parsed.resolve(variables, request.colour());
    }
}
