package dev.deployverify.systems.sp404.checks;

import dev.deployverify.junit.VerifiesSystem;
import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A class of SP-404 Sample Agent checks: tagged, skipped where it is not deployed. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@VerifiesSystem("sp404")
@Tag("sp404")
public @interface Sp404Check {
}
