package dev.deployverify.junit;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check that creates data on the target (a message, a job, an upload). It runs only where the environment
 * sets {@code mutatingChecks: true}; elsewhere it is skipped with that reason. {@link #value} says what it creates.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tags.MUTATING)
public @interface Mutating {

    /** What the check creates, for the skip reason and the report, e.g. "sends an SMS to the test member". */
    String value();
}
