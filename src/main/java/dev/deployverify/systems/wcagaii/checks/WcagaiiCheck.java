package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.VerifiesSystem;
import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A class of WCAGAII checks: tagged, skipped where it is not deployed. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@VerifiesSystem("wcagaii")
@Tag("wcagaii")
public @interface WcagaiiCheck {
}
