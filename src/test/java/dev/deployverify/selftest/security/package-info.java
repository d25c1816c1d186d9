/** Unit tests of the security payload lists. */
package dev.deployverify.selftest.security;
