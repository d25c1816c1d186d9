/** The WCAGAII stand-in: Express-like edge (helmet, rate limit, API keys), prom-client metrics, a small axe-like rule engine, an SSRF guard. */
package dev.deployverify.systems.wcagaii.reference;
