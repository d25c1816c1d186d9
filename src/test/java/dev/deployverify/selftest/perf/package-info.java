/** The load engine, latency charts and baselines, tested against a small server on loopback. */
package dev.deployverify.selftest.perf;
