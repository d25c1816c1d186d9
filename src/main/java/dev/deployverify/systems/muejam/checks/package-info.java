/** MueJam Library checks: its deployment checklist's machine-checkable items (health, critical flows, metrics to monitor, blue-green). */
package dev.deployverify.systems.muejam.checks;
