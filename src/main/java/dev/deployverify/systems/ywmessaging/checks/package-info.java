/** YWMessaging checks: its production checklist's machine-checkable items, Phase 2 and 3 and the critical commands. */
package dev.deployverify.systems.ywmessaging.checks;
