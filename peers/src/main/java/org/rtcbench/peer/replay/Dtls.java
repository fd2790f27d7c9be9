package org.rtcbench.peer.replay;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Vector;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * DTLS-SRTP (RFC 5763, 5764) for one replay connection, on Bouncy Castle's DTLS 1.2: the client when
 * this side answered {@code a=setup:active}, else the server; both present the peer's certificate and
 * check the remote one against the SDP fingerprint; use_srtp offers only
 * SRTP_AES128_CM_HMAC_SHA1_80 (every browser has it), whose keys come from the exporter.
 * Packets come in through {@link #offer} from the connection's demultiplexer.
 */
final class Dtls implements DatagramTransport {
    /** ECDHE-ECDSA, as browsers offer with ECDSA certificates; AES-128-GCM is the one RFC 8827 requires. */
    private static final int[] SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    private static final int[] SRTP_PROFILES = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /**
     * First retransmission of a flight, doubling after (RFC 6347 starts at 1 s; WebRTC's BoringSSL at 50 ms).
     * A ClientHello sent the moment this side's ICE completed can reach an SFU that does not yet count
     * its own ICE as done and drops it: Janus did, for 1 of 6 subscriptions, which then connected
     * 1033 ms later instead of 12-40 ms.
     */
    private static final int RESEND_MS = 100;
    private static final byte[] CLOSED = new byte[0];

    /** How this side sends datagrams: on the ICE pair. */
    interface Sender {
        void send(byte[] data, int offset, int length) throws IOException;
    }

    private final LinkedBlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>(256);
    private final Sender sender;
    private volatile boolean closed;
    private volatile DTLSTransport transport;

    Dtls(Sender sender) {
        this.sender = sender;
    }

    /** A DTLS datagram from the remote; queued, also before the handshake starts. */
    void offer(byte[] data, int offset, int length) {
        if (!closed) {
            inbound.offer(java.util.Arrays.copyOfRange(data, offset, offset + length));
        }
    }

    /**
     * Runs the handshake on the calling thread and returns the SRTP keys; fails with the reason (a
     * fingerprint that does not match, no common profile, a timeout).
     */
    Srtp.Keys handshake(boolean client, DtlsCertificate own, String remoteFingerprint) throws IOException {
        String expected = remoteFingerprint.trim();
        if (!expected.toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
            throw new IOException("the remote's fingerprint is not sha-256: " + expected);
        }
        String fingerprint = expected.substring(8).trim();
        byte[][] material = new byte[1][];
        if (client) {
            Client c = new Client(own, fingerprint, material);
            transport = new DTLSClientProtocol().connect(c, this);
        } else {
            Server s = new Server(own, fingerprint, material);
            transport = new DTLSServerProtocol().accept(s, this);
        }
        return Srtp.Keys.fromExporter(material[0], client);
    }

    /**
     * Reads what DTLS may still send after the handshake (a retransmitted last flight, close_notify)
     * until the transport closes; the connection runs it on its receive thread's spare time.
     */
    void pump(int waitMs) {
        DTLSTransport t = transport;
        if (t == null || closed) {
            return;
        }
        byte[] buf = new byte[1500];
        try {
            while (t.receive(buf, 0, buf.length, waitMs) >= 0) {
                // application data: WebRTC media sends none over DTLS
            }
        } catch (IOException e) {
            closed = true; // close_notify or a fatal alert: the remote is gone
        }
    }

    /** Sends close_notify when the handshake was done, and stops the transport. */
    void shutdown() {
        DTLSTransport t = transport;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                // the socket may already be gone: nothing more to say to the remote
            }
        }
        close();
    }

    boolean remoteClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- DatagramTransport

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return 1200;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new SocketException("DTLS transport closed");
        }
        byte[] p;
        try {
            p = waitMillis == 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS receive interrupted");
        }
        if (p == null) {
            return -1;
        }
        if (p == CLOSED) {
            inbound.offer(CLOSED);
            throw new SocketException("DTLS transport closed");
        }
        if (p.length > len) {
            return -1;
        }
        System.arraycopy(p, 0, buf, off, p.length);
        return p.length;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (!closed) {
            sender.send(buf, off, len);
        }
    }

    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(CLOSED);
    }

    // ---------------------------------------------------------------- the two roles

    private static void verify(Certificate peer, String fingerprint) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the remote sent no certificate");
        }
        String actual = DtlsCertificate.fingerprint(peer.getCertificateAt(0).getEncoded());
        if (!actual.equalsIgnoreCase(fingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "the remote's certificate is " + actual + ", its SDP said " + fingerprint);
        }
    }

    private static byte[] export(TlsContext context) {
        return context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (Srtp.KEY_LENGTH + Srtp.SALT_LENGTH));
    }

    private static TlsCredentialedSigner signer(TlsContext context, DtlsCertificate own) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), DtlsCertificate.CRYPTO, own.privateKey, own.chain,
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private static final class Client extends DefaultTlsClient {
        private final DtlsCertificate own;
        private final String fingerprint;
        private final byte[][] material;

        Client(DtlsCertificate own, String fingerprint, byte[][] material) {
            super(DtlsCertificate.CRYPTO);
            this.own = own;
            this.fingerprint = fingerprint;
            this.material = material;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        public boolean requiresExtendedMasterSecret() {
            return true; // the exporter needs it; better to fail in the handshake than after
        }

        @Override
        public void notifySecureRenegotiation(boolean secure) {
            // never renegotiates
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MS;
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return RESEND_MS;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable extensions) throws IOException {
            super.processServerExtensions(extensions);
            UseSRTPData d = TlsSRTPUtils.getUseSRTPExtension(extensions);
            if (d == null || d.getProtectionProfiles().length != 1 || d.getProtectionProfiles()[0] != SRTP_PROFILES[0]) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the remote chose no SRTP profile rtcbench offered");
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                    verify(certificate.getCertificate(), fingerprint);
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return signer(context, own);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            material[0] = export(context);
        }
    }

    private static final class Server extends DefaultTlsServer {
        private final DtlsCertificate own;
        private final String fingerprint;
        private final byte[][] material;

        Server(DtlsCertificate own, String fingerprint, byte[][] material) {
            super(DtlsCertificate.CRYPTO);
            this.own = own;
            this.fingerprint = fingerprint;
            this.material = material;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES); // the default list has no ECDHE-ECDSA
        }

        @Override
        public boolean requiresExtendedMasterSecret() {
            return true;
        }

        @Override
        public void notifySecureRenegotiation(boolean secure) {
            // never renegotiates
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MS;
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return RESEND_MS;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processClientExtensions(Hashtable extensions) throws IOException {
            super.processClientExtensions(extensions);
            UseSRTPData d = TlsSRTPUtils.getUseSRTPExtension(extensions);
            boolean offered = false;
            for (int p : d == null ? new int[0] : d.getProtectionProfiles()) {
                offered |= p == SRTP_PROFILES[0];
            }
            if (!offered) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the remote offered no SRTP_AES128_CM_HMAC_SHA1_80");
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() {
            return signer(context, own);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public CertificateRequest getCertificateRequest() {
            Vector algorithms = new Vector();
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
            algorithms.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign}, algorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate certificate) throws IOException {
            verify(certificate, fingerprint);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            material[0] = export(context);
        }
    }
}
