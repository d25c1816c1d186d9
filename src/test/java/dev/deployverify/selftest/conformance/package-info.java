/**
 * Conformance of the checks against the real server software: each Node service's check set, run twice against a
 * Node target built on the service's own npm packages and limits (src/test/node), and each target fault caught.
 */
package dev.deployverify.selftest.conformance;
