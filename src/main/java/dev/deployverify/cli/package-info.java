/**
 * The verifier jar's command line ({@code java -jar deploy-verify-<version>-verifier.jar}): the same run as
 * {@code mvn verify} (preflight, checks, verdict gate) without Maven or a checkout of the suite.
 */
package dev.deployverify.cli;
