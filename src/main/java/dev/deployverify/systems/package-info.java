/** The checks, one package per system under test; run by failsafe against the chosen environment. */
package dev.deployverify.checks;
