/** WCAGAII checks: its production checklist's machine-checkable items (security, observability, T+5 and T+15). */
package dev.deployverify.systems.wcagaii.checks;
