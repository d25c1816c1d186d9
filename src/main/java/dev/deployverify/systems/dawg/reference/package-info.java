/** The DAWG AI stand-in: chat, conversations, a beat generation queue with socket.io progress and signed audio URLs. */
package dev.deployverify.systems.dawg.reference;
