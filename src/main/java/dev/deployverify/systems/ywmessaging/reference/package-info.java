/** The YWMessaging stand-in: Express-style health, JWT login, messages, conversations, socket.io, webhooks. */
package dev.deployverify.systems.ywmessaging.reference;
