package dev.deployverify.env;

/**
 * Run by Maven before the checks: validates the requested environment so that a bad name, a missing secret or a
 * typo is one line in the build output and no check runs. Started from {@code exec:java} inside Maven's JVM.
 */
public final class EnvironmentPreflight {

    private EnvironmentPreflight() {
    }

    public static void main(String[] args) {
        EnvironmentRequest request = EnvironmentRequest.fromSystemProperties();
        try {
            EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(request);
            Variables variables = Variables.fromProcessEnvironment();
            if (parsed.isReference()) {
                variables = variables.orElse(Variables.referenceStandIns());
            }
            Environment environment = parsed.resolve(variables, Colour.parse(System.getProperty("colour")));
            dev.deployverify.evidence.Readiness.parseExpectedVersions(System.getProperty("expect.version"));
            System.out.println("[deploy-verify] environment '" + environment.name() + "' (" + environment.source()
                    + "): " + (environment.systems().isEmpty() ? "no system selected" : String.join(", ", environment.systems().keySet()))
                    + " (" + request.selection() + ")"
                    + (environment.colour() == Colour.GREEN ? "; verifying the green stack" : "")
                    + (environment.mutatingChecksAllowed() ? "; mutating checks allowed" : "; read-only checks only"));
        } catch (EnvironmentException e) {
            System.err.println("[deploy-verify] " + e.getMessage());
            // Thrown without a cause and with its stack trimmed: Maven prints the message, not a trace.
            IllegalStateException stop = new IllegalStateException(e.getMessage());
            stop.setStackTrace(new StackTraceElement[0]);
            throw stop;
        }
    }
}
