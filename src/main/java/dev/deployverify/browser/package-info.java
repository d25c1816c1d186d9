/**
 * Browser checks: Debian's Chromium, headless, driven through Selenium WebDriver and Debian's chromium-driver. A
 * check gets a {@link dev.deployverify.browser.Browser} on its system's front end and judges what a user would see:
 * the visible content, the console's errors, the page's failed requests and its load time.
 */
package dev.deployverify.browser;
