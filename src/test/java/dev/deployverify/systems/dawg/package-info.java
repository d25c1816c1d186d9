/** The suite's own tests for DAWG AI: every fault of its stand-in turns exactly its checks red. */
package dev.deployverify.systems.dawg;
