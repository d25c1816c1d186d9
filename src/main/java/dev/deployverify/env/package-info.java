/** The environment model: which systems a run verifies, where they are, with which secrets and thresholds. */
package dev.deployverify.env;
