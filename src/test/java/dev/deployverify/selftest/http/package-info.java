/** Tests of the HTTP client factory: timeouts that bound every exchange. */
package dev.deployverify.selftest.http;
