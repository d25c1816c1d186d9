package dev.deployverify.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the system a check class verifies and equips it with the {@link VerificationExtension}. Used as a
 * meta-annotation by each system's own annotation (e.g. {@code @YwMessagingCheck}), which adds the system's tag.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(VerificationExtension.class)
public @interface VerifiesSystem {

    /** The system's key in the environment file, the name of its package under {@code systems}. */
    String value();
}
