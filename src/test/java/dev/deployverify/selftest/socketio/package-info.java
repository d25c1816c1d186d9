/** The suite's own tests of the WebSocket clients: socket.io acknowledgements, pings, drops and reconnection; plain text frames. */
package dev.deployverify.selftest.socketio;
