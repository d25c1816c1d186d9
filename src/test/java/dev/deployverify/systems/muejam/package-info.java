/** MueJam Library: every reference fault is caught by exactly its checks; a green run verifies the green stack. */
package dev.deployverify.systems.muejam;
