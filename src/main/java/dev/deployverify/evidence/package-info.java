/** What a run leaves for sign-off: Allure environment facts and the redaction that keeps secrets out of it. */
package dev.deployverify.evidence;
