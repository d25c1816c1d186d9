/** Tests of the read-only PostgreSQL and Redis probes against real servers (Testcontainers or the machine's). */
package dev.deployverify.selftest.infra;
