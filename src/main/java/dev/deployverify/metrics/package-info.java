/** What a service says about itself: Prometheus text exposition parsed, counters and histogram buckets compared between scrapes. */
package dev.deployverify.metrics;
