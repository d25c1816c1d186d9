/** The promotion pipeline a team adopts (.github/workflows/promote.yml), checked against the environment files. */
package dev.deployverify.selftest.pipeline;
