package dev.deployverify.env;

/**
 * Validates the requested environment before anything runs, so that a bad name, a missing secret or a typo is one
 * line and no check runs (see {@code dev.deployverify.evidence.RunStart}, which Maven runs right after compiling).
 */
public final class EnvironmentPreflight {

    private EnvironmentPreflight() {
    }

    /**
     * The environment as the run will load it. The reference deployment's own values do not exist yet (it has not
     * started): stand-ins take their place.
     *
     * @throws EnvironmentException one line saying what is wrong
     */
    public static Environment check(EnvironmentRequest request, String colour) {
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(request);
        Variables variables = Variables.fromProcessEnvironment();
        if (parsed.isReference()) {
            variables = variables.orElse(Variables.referenceStandIns());
        }
        return parsed.resolve(variables, Colour.parse(colour));
    }
}
