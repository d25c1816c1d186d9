package dev.deployverify.socketio;

/** A socket.io connection that could not be made, was refused, or did not deliver in time. */
public final class SocketIoException extends RuntimeException {

    public SocketIoException(String message) {
        super(message);
    }
}
