/**
 * JUnit wiring: composed annotations that tag and equip checks, the extension that loads the environment once per
 * run, skips what cannot run here with a reason, and keeps secrets out of failure messages.
 */
package dev.deployverify.junit;
