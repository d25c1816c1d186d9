/** Unit tests of the Prometheus text parser. */
package dev.deployverify.selftest.metrics;
