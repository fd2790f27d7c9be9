package org.rtcbench.peer.replay;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A replay peer's DTLS identity, as a browser makes one per peer connection: a self-signed ECDSA
 * P-256 certificate (JDK keys, signed by bcpkix) and its SHA-256 fingerprint for {@code a=fingerprint}.
 */
final class DtlsCertificate {
    static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    final Certificate chain;
    final AsymmetricKeyParameter privateKey;
    final String fingerprint;

    private DtlsCertificate(Certificate chain, AsymmetricKeyParameter privateKey, String fingerprint) {
        this.chain = chain;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint;
    }

    static DtlsCertificate create() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = g.generateKeyPair();
            long now = System.currentTimeMillis();
            X500Name name = new X500Name("CN=rtcbench-replay");
            byte[] der = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()), new Date(now - 86_400_000L),
                    new Date(now + 30L * 86_400_000L), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
            return new DtlsCertificate(new Certificate(new TlsCertificate[] {CRYPTO.createCertificate(der)}),
                    PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()), fingerprint(der));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** Upper-case hex pairs joined by colons, as SDP writes a SHA-256 fingerprint. */
    static String fingerprint(byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
