package dev.deployverify.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check that verifies a contract no checklist item covers (the system brief's API, a header, a limit): the
 * counterpart of {@link Verifies}. Every check carries exactly one of the two, so that the report says of each check
 * what it stands for; the sign-off sheet lists these as additional checks.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface VerifiesContract {

    /** Which contract, and where it is written, e.g. "the edge contract of the system's brief: ...". */
    String value();

    /** Why no checklist item covers it: which items come close, and why they are not this. */
    String uncoveredBecause();
}
