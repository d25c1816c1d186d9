/** HTTP access to a system under test: one REST Assured specification per system, bounded and redacted. */
package dev.deployverify.http;
