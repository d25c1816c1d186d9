package dev.deployverify.systems.dawg.checks;

import dev.deployverify.junit.VerifiesSystem;
import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A class of DAWG AI checks: tagged, skipped where it is not deployed. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@VerifiesSystem("dawg")
@Tag("dawg")
public @interface DawgCheck {
}
