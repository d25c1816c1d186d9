/** Tests of the checks' shared pieces: the assertion entry point, the shared check bodies and what they report. */
package dev.deployverify.selftest.verify;
