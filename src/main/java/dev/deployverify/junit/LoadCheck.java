package dev.deployverify.junit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A performance check that puts the target under load (concurrent users or an arrival rate), tagged both
 * {@code performance} and {@code load}: {@code -Dchecks="!load"} leaves the target unloaded. Its profile (users,
 * rate, duration, requests) comes from the environment's thresholds: small in production.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag(Tags.PERFORMANCE)
@Tag(Tags.LOAD)
public @interface LoadCheck {
}
