/** The SP-404 checks proven: green against the healthy reference, red exactly where each fault breaks it. */
package dev.deployverify.systems.sp404;
