/** Tests of the suite's trustworthiness: detection score, hostile targets, secrets in evidence, production safety. */
package dev.deployverify.selftest.trust;
