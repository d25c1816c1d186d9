/**
 * WebSocket clients: the project's one socket.io v4 client (Engine.IO framing over Java-WebSocket) and a plain
 * text-frame WebSocket client for services that speak raw WebSocket.
 */
package dev.deployverify.socketio;
