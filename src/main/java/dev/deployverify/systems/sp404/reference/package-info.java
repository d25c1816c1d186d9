/** The SP-404MK2 Sample Agent stand-in: samples, analysis, the vibe WebSocket, kits and SP-404 project exports, with faults. */
package dev.deployverify.systems.sp404.reference;
