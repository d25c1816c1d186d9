/** The suite's own tests (surefire): the toolkit's units, and every check proven to fail against a faulty reference. */
package dev.deployverify.selftest;
