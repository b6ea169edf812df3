package vn.vneid.smpp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * Listens on 127.0.0.1 only (jSMPP's factory listens on every interface), with SO_REUSEADDR so a simulator can
 * be restarted on the same port at once, and TCP_NODELAY on accepted sockets. {@link #boundPort()} tells the
 * real port when 0 (ephemeral) was asked for.
 */
public final class LoopbackServerConnectionFactory implements ServerConnectionFactory {
    private volatile int boundPort = -1;

    public int boundPort() {
        return boundPort;
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0, 128);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, 128);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            server.setSoTimeout(timeout);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        boundPort = server.getLocalPort();
        return new ServerConnection() {
            @Override
            public Connection accept() throws IOException {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                return new SocketConnection(socket);
            }

            @Override
            public void setSoTimeout(int timeoutMillis) throws IOException {
                server.setSoTimeout(timeoutMillis);
            }

            @Override
            public int getSoTimeout() throws IOException {
                return server.getSoTimeout();
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }
}
