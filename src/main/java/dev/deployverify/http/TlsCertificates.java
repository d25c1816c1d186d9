package dev.deployverify.http;

import dev.deployverify.env.Timeouts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the certificate a TLS endpoint presents and whether this JVM trusts it for that host name. The handshake is
 * completed even for an untrusted certificate, so that a check can report both problems (untrusted and expiring)
 * instead of stopping at the first.
 */
public final class TlsCertificates {

    /** What the endpoint presented. {@code trustProblem} is null when the chain is trusted for the host. */
    public record Inspection(X509Certificate leaf, String trustProblem) {

        public Duration validFor(Instant now) {
            return Duration.between(now, leaf.getNotAfter().toInstant());
        }

        public String subject() {
            return leaf.getSubjectX500Principal().getName();
        }
    }

    private TlsCertificates() {
    }

    public static Inspection inspect(URI url, Timeouts timeouts) throws IOException {
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        Recorder recorder = new Recorder(defaultTrustManager());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{recorder}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) timeouts.connect().toMillis());
                plain.setSoTimeout((int) timeouts.request().toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // host name must match the certificate
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
        if (recorder.chain == null || recorder.chain.length == 0) {
            throw new IOException("the TLS handshake with " + host + ":" + port + " presented no certificate");
        }
        return new Inspection(recorder.chain[0], recorder.problem);
    }

    private static X509ExtendedTrustManager defaultTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no X509 trust manager in this JVM"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delegates to the JVM's trust decision, records it, and lets the handshake finish either way. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private X509Certificate[] chain;
        private String problem;

        Recorder(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                problem = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                problem = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            this.chain = chain;
            try {
                ((X509TrustManager) delegate).checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                problem = e.getMessage();
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
