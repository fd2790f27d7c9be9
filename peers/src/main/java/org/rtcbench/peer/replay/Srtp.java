package org.rtcbench.peer.replay;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP and SRTCP with AES_CM_128_HMAC_SHA1_80 (RFC 3711), on the JDK's AES and HMAC-SHA1: the
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
        private final Counter rtpCipher;
        private final byte[] rtpSalt;
        private final Mac rtpAuth;
        private final Counter rtcpCipher;
        private final byte[] rtcpSalt;
        private final Mac rtcpAuth;
        /** Scratch, under the context's lock: the counter block of the packet at hand, and a MAC's output. */
        private final byte[] iv = new byte[16];
        private final byte[] mac = new byte[20];
        /** Per SSRC: the rollover counter and the highest sequence number seen (receive) or sent (send). */
        private final Map<Long, long[]> rollover = new HashMap<>();
        private long rtcpIndex;

        Context(byte[] masterKey, byte[] masterSalt) {
            try {
                rtpCipher = new Counter(derive(masterKey, masterSalt, 0, KEY_LENGTH));
                rtpAuth = mac(derive(masterKey, masterSalt, 1, AUTH_KEY_LENGTH));
                rtpSalt = derive(masterKey, masterSalt, 2, SALT_LENGTH);
                rtcpCipher = new Counter(derive(masterKey, masterSalt, 3, KEY_LENGTH));
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
            rtpCipher.apply(iv(rtpSalt, ssrc, (roc << 16) | seq, iv), out, h.payloadStart(), p.length - h.payloadStart());
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
            if (!tagMatches(rtpAuth, in, body, roc & 0xFFFFFFFFL)) {
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
            rtpCipher.apply(iv(rtpSalt, h.ssrc(), (roc << 16) | seq, iv), out, h.payloadStart(), body - h.payloadStart());
            return out;
        }

        /** An SRTCP packet of a plain (compound) RTCP packet: encrypted after its first 8 bytes, E flag and index, tag. */
        synchronized byte[] protectRtcp(byte[] p) {
            long index = rtcpIndex;
            rtcpIndex = (rtcpIndex + 1) & 0x7FFFFFFFL;
            long ssrc = Rtp.getInt(p, 4);
            byte[] out = Arrays.copyOf(p, p.length + 4 + TAG_LENGTH);
            rtcpCipher.apply(iv(rtcpSalt, ssrc, index, iv), out, 8, p.length - 8);
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
            if (!tagMatches(rtcpAuth, in, signed, -1)) {
                return null;
            }
            long e = Rtp.getInt(in, signed - 4);
            byte[] out = Arrays.copyOf(in, signed - 4);
            if ((e & 0x80000000L) != 0) {
                rtcpCipher.apply(iv(rtcpSalt, Rtp.getInt(in, 4), e & 0x7FFFFFFFL, iv), out, 8, out.length - 8);
            }
            return out;
        }

        /** The 80-bit HMAC-SHA1 of {@code data[0, len)} (and the rollover counter for RTP; -1 for RTCP) into {@code into[at]}. */
        private void tag(Mac auth, byte[] data, int len, long roc, byte[] into, int at) {
            auth.update(data, 0, len);
            if (roc >= 0) {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    auth.update((byte) (roc >> shift));
                }
            }
            try {
                auth.doFinal(mac, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            System.arraycopy(mac, 0, into, at, TAG_LENGTH);
        }

        /** Whether the tag after {@code data[0, len)} is the one this side computes, in constant time. */
        private boolean tagMatches(Mac auth, byte[] data, int len, long roc) {
            tag(auth, data, len, roc, mac, 0);
            int diff = 0;
            for (int i = 0; i < TAG_LENGTH; i++) {
                diff |= mac[i] ^ data[len + i];
            }
            return diff == 0;
        }
    }

    /**
     * AES in counter mode as RFC 3711 (4.1.1) has it: keystream block i is AES(k, IV + i), i in the
     * counter block's low 16 bits, which the IV leaves zero. The key is expanded once, on an ECB
     * cipher; a packet's blocks are enciphered in one call (the JDK's AES intrinsics), not a cipher
     * initialised per packet. Not thread-safe: its context's lock guards it.
     */
    static final class Counter {
        private final Cipher ecb;
        private byte[] blocks = new byte[1536];
        private byte[] stream = new byte[1536];

        Counter(byte[] key) throws GeneralSecurityException {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        }

        /** XORs the keystream that starts at counter block {@code iv} over {@code data[off, off+len)}. */
        void apply(byte[] iv, byte[] data, int off, int len) {
            int bytes = (len + 15) & ~15;
            if (blocks.length < bytes) {
                blocks = new byte[bytes];
                stream = new byte[bytes];
            }
            for (int i = 0, at = 0; at < bytes; i++, at += 16) {
                System.arraycopy(iv, 0, blocks, at, 14);
                blocks[at + 14] = (byte) (i >> 8);
                blocks[at + 15] = (byte) i;
            }
            try {
                ecb.update(blocks, 0, bytes, stream, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < len; i++) {
                data[off + i] ^= stream[i];
            }
        }
    }

    /**
     * The counter block, written into {@code iv} (16 bytes) and returned: the session salt shifted 16
     * bits, XOR the SSRC at bit 64, XOR the 48-bit index shifted 16 bits.
     */
    static byte[] iv(byte[] salt, long ssrc, long index, byte[] iv) {
        System.arraycopy(salt, 0, iv, 0, SALT_LENGTH);
        iv[14] = 0;
        iv[15] = 0;
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
        byte[] out = new byte[length];
        new Counter(masterKey).apply(x, out, 0, length);
        return out;
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA1");
        m.init(new SecretKeySpec(key, "HmacSHA1"));
        return m;
    }
}
