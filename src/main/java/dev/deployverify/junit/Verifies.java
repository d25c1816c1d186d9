package dev.deployverify.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The checklist items (ids from {@code src/main/resources/checklists/<system>.yaml}) a check verifies. The sign-off
 * sheet shows each item with the result of its checks; a test of the suite fails when an automated item has no
 * check or a check names an item that does not exist.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Verifies {

    /** Item ids, e.g. {@code "YW-9.3"}. */
    String[] value();
}
