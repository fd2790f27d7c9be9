package org.rtcbench.peer.replay;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP and SRTCP with AES_CM_128_HMAC_SHA1_80 (RFC 3711), on the JDK's AES-CTR and HMAC-SHA1: the
 * one profile every WebRTC endpoint has, and the only one a replay peer offers in DTLS. One
 * {@link Context} per direction of a connection: session keys derived once from the DTLS exporter's
 * master key and salt (key derivation rate 0), a rollover counter per SSRC.
 */
final class Srtp {
    static final int KEY_LENGTH = 16;
    static final int SALT_LENGTH = 14;
    static final int TAG_LENGTH = 10;
    private static final int AUTH_KEY_LENGTH = 20;

    private Srtp() {
    }

    /** This side's and the remote's master keys, from the exporter's client key | server key | client salt | server salt. */
    record Keys(byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {
        static Keys fromExporter(byte[] m, boolean client) {
            byte[] clientKey = Arrays.copyOfRange(m, 0, KEY_LENGTH);
            byte[] serverKey = Arrays.copyOfRange(m, KEY_LENGTH, 2 * KEY_LENGTH);
            byte[] clientSalt = Arrays.copyOfRange(m, 2 * KEY_LENGTH, 2 * KEY_LENGTH + SALT_LENGTH);
            byte[] serverSalt = Arrays.copyOfRange(m, 2 * KEY_LENGTH + SALT_LENGTH, 2 * KEY_LENGTH + 2 * SALT_LENGTH);
            return client ? new Keys(clientKey, clientSalt, serverKey, serverSalt) : new Keys(serverKey, serverSalt, clientKey, clientSalt);
        }

        Context outbound() {
            return new Context(localKey, localSalt);
        }

        Context inbound() {
            return new Context(remoteKey, remoteSalt);
        }
    }

    /** One direction's session keys and state. Thread-safe: every method locks the context. */
    static final class Context {
        private final SecretKeySpec rtpKey;
        private final byte[] rtpSalt;
        private final Mac rtpAuth;
        private final SecretKeySpec rtcpKey;
        private final byte[] rtcpSalt;
        private final Mac rtcpAuth;
        private final Cipher aes;
        /** Per SSRC: the rollover counter and the highest sequence number seen (receive) or sent (send). */
        private final Map<Long, long[]> rollover = new HashMap<>();
        private long rtcpIndex;

        Context(byte[] masterKey, byte[] masterSalt) {
            try {
                aes = Cipher.getInstance("AES/CTR/NoPadding");
                rtpKey = new SecretKeySpec(derive(masterKey, masterSalt, 0, KEY_LENGTH), "AES");
                rtpAuth = mac(derive(masterKey, masterSalt, 1, AUTH_KEY_LENGTH));
                rtpSalt = derive(masterKey, masterSalt, 2, SALT_LENGTH);
                rtcpKey = new SecretKeySpec(derive(masterKey, masterSalt, 3, KEY_LENGTH), "AES");
                rtcpAuth = mac(derive(masterKey, masterSalt, 4, AUTH_KEY_LENGTH));
                rtcpSalt = derive(masterKey, masterSalt, 5, SALT_LENGTH);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no AES-CTR or HMAC-SHA1 in this JDK: " + e.getMessage(), e);
            }
        }

        /** An SRTP packet of a plain RTP packet: payload encrypted, the 10-byte tag appended. */
        synchronized byte[] protectRtp(byte[] p) {
            Rtp.Header h = Rtp.parse(p, 0, p.length);
            long ssrc = h.ssrc();
            int seq = h.sequence();
            long[] state = rollover.computeIfAbsent(ssrc, s -> new long[] {0, seq});
            long roc = state[0];
            int ahead = seq - (int) state[1];
            if (ahead > 0 && ahead < 32768) {
                state[1] = seq;
            } else if (ahead < -32768) { // forward across the wrap
                roc = ++state[0];
                state[1] = seq;
            } else if (ahead > 32768) { // a retransmission from before the wrap
                roc = state[0] - 1;
            }
            byte[] out = Arrays.copyOf(p, p.length + TAG_LENGTH);
            crypt(rtpKey, iv(rtpSalt, ssrc, (roc << 16) | seq), out, h.payloadStart(), p.length - h.payloadStart());
            tag(rtpAuth, out, p.length, roc, out, p.length);
            return out;
        }

        /** The plain RTP packet, or null when the tag does not match (garbage, or another key). */
        synchronized byte[] unprotectRtp(byte[] p, int off, int len) {
            if (len < Rtp.HEADER_LENGTH + TAG_LENGTH) {
                return null;
            }
            byte[] in = Arrays.copyOfRange(p, off, off + len);
            Rtp.Header h = Rtp.parse(in, 0, len - TAG_LENGTH);
            if (h == null) {
                return null;
            }
            int seq = h.sequence();
            long[] state = rollover.get(h.ssrc());
            long roc = 0;
            if (state != null) {
                roc = state[0];
                long highest = state[1];
                if (highest < 32768) {
                    if (seq - highest > 32768) {
                        roc = state[0] - 1;
                    }
                } else if (highest - 32768 > seq) {
                    roc = state[0] + 1;
                }
            }
            int body = len - TAG_LENGTH;
            byte[] expected = new byte[TAG_LENGTH];
            tag(rtpAuth, in, body, roc & 0xFFFFFFFFL, expected, 0);
            if (!java.security.MessageDigest.isEqual(expected, Arrays.copyOfRange(in, body, len))) {
                return null;
            }
            if (state == null) {
                rollover.put(h.ssrc(), new long[] {roc, seq});
            } else if (roc > state[0]) {
                state[0] = roc;
                state[1] = seq;
            } else if (roc == state[0] && seq > state[1]) {
                state[1] = seq;
            }
            byte[] out = Arrays.copyOf(in, body);
            crypt(rtpKey, iv(rtpSalt, h.ssrc(), (roc << 16) | seq), out, h.payloadStart(), body - h.payloadStart());
            return out;
        }

        /** An SRTCP packet of a plain (compound) RTCP packet: encrypted after its first 8 bytes, E flag and index, tag. */
        synchronized byte[] protectRtcp(byte[] p) {
            long index = rtcpIndex;
            rtcpIndex = (rtcpIndex + 1) & 0x7FFFFFFFL;
            long ssrc = Rtp.getInt(p, 4);
            byte[] out = Arrays.copyOf(p, p.length + 4 + TAG_LENGTH);
            crypt(rtcpKey, iv(rtcpSalt, ssrc, index), out, 8, p.length - 8);
            Rtp.putInt(out, p.length, 0x80000000L | index);
            tag(rtcpAuth, out, p.length + 4, -1, out, p.length + 4);
            return out;
        }

        /** The plain RTCP packet, or null when the tag does not match. */
        synchronized byte[] unprotectRtcp(byte[] p, int off, int len) {
            if (len < 8 + 4 + TAG_LENGTH) {
                return null;
            }
            byte[] in = Arrays.copyOfRange(p, off, off + len);
            int signed = len - TAG_LENGTH;
            byte[] expected = new byte[TAG_LENGTH];
            tag(rtcpAuth, in, signed, -1, expected, 0);
            if (!java.security.MessageDigest.isEqual(expected, Arrays.copyOfRange(in, signed, len))) {
                return null;
            }
            long e = Rtp.getInt(in, signed - 4);
            byte[] out = Arrays.copyOf(in, signed - 4);
            if ((e & 0x80000000L) != 0) {
                crypt(rtcpKey, iv(rtcpSalt, Rtp.getInt(in, 4), e & 0x7FFFFFFFL), out, 8, out.length - 8);
            }
            return out;
        }

        /** AES-CTR over {@code data[off, off+len)} in place. */
        private void crypt(SecretKeySpec key, byte[] iv, byte[] data, int off, int len) {
            try {
                aes.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
                aes.doFinal(data, off, len, data, off);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR failed: " + e.getMessage(), e);
            }
        }

        /** The 80-bit HMAC-SHA1 of {@code data[0, len)} (and the rollover counter for RTP; -1 for RTCP) into {@code into[at]}. */
        private static void tag(Mac mac, byte[] data, int len, long roc, byte[] into, int at) {
            mac.update(data, 0, len);
            if (roc >= 0) {
                mac.update(new byte[] {(byte) (roc >> 24), (byte) (roc >> 16), (byte) (roc >> 8), (byte) roc});
            }
            System.arraycopy(mac.doFinal(), 0, into, at, TAG_LENGTH);
        }
    }

    /** The counter block: the session salt shifted 16 bits, XOR the SSRC at bit 64, XOR the 48-bit index shifted 16 bits. */
    static byte[] iv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, SALT_LENGTH);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >> (40 - 8 * i));
        }
        return iv;
    }

    /** RFC 3711 section 4.3.1 with a key derivation rate of 0: AES-CM of the master key over (salt XOR label << 48) << 16. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, SALT_LENGTH);
        x[7] ^= (byte) label;
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(x));
        return c.doFinal(new byte[length]);
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA1");
        m.init(new SecretKeySpec(key, "HmacSHA1"));
        return m;
    }
}
