/** DAWG AI checks: its checklist's health checks, smoke tests (chat, beat generation, history), monitoring and success metrics. */
package dev.deployverify.systems.dawg.checks;
