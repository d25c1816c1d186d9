package dev.deployverify.run;

/**
 * Thrown by a check that could not reach a verdict through no fault it can attribute to the deployment, e.g. a load
 * run that could not generate the load it was asked for. It makes the run inconclusive, which is not a pass.
 */
public class Inconclusive extends RuntimeException {

    public Inconclusive(String message) {
        super(message);
    }

    /** The first line of its trace in the report, which the report's "Inconclusive" category matches. */
    @Override
    public String toString() {
        return "cause: inconclusive: " + getMessage();
    }
}
