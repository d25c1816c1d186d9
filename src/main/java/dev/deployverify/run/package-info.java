/**
 * One run, in one direction: the {@link dev.deployverify.run.RunRequest} (every option parsed and checked once), the
 * environment loaded from it, the readiness gate and the deployed versions (the run's only network I/O outside the
 * checks), then the checks; evidence comes last and only writes.
 */
package dev.deployverify.run;
