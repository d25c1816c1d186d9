/**
 * SP-404MK2 Sample Agent checks: its checklist's API, audio processing, integration and performance items, and the
 * web UI items that can be checked over HTTP.
 */
package dev.deployverify.systems.sp404.checks;
