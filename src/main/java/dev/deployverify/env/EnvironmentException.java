package dev.deployverify.env;

/**
 * A problem with the environment definition, phrased as the one line a release engineer needs to fix it.
 * No check runs when one is thrown.
 */
public final class EnvironmentException extends RuntimeException {

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
