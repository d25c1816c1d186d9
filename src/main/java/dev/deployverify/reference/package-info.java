/**
 * The reference deployment: an in-process stand-in of each system, on loopback, implementing its contract completely
 * and able to start with faults. Checks reach it only over the network, like a real deployment.
 */
package dev.deployverify.reference;
