package dev.deployverify.junit;

import dev.deployverify.browser.BrowserExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check in a real browser (headless Chromium): a page of the system's front end loads, renders what its item
 * names, and logs no error. Takes a {@link dev.deployverify.browser.Browser} parameter; skipped, with the reason,
 * where Chromium is not installed. Tagged {@code browser} and not {@code smoke}: a smoke run's verdict comes in
 * seconds, and a browser's page loads take longer; a full run has both.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag(Tags.BROWSER)
@ExtendWith(BrowserExtension.class)
public @interface BrowserCheck {
}
