/** Latency measured honestly: the load engine (closed and open models), HdrHistogram samples, assertions with sample counts, charts and baselines. */
package dev.deployverify.perf;
