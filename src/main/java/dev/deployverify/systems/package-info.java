/**
 * The systems under test, one package each ({@code systems.<name>}): its {@link dev.deployverify.systems.VerifiedSystem},
 * its typed faults, its checklist and defaults, its checks (and their client) and its reference stand-in. The rest of
 * the suite finds them with {@link dev.deployverify.systems.Systems}; no list of system names exists outside them.
 */
package dev.deployverify.systems;
