package vn.vneid.smpp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * jSMPP's {@code SocketConnectionFactory} leaves Nagle's algorithm on, which holds small submit_sm PDUs back
 * and halves throughput; this one opens the socket with TCP_NODELAY and a connect timeout.
 */
public final class TcpNoDelayConnectionFactory implements ConnectionFactory {
    private final int connectTimeoutMillis;

    public TcpNoDelayConnectionFactory(Duration connectTimeout) {
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new SocketConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
