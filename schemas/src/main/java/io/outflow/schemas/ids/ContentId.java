package io.outflow.schemas.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Content-derived identifiers: hex of the first 128 bits of SHA-256, so equal content gives equal IDs everywhere. */
public final class ContentId {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ContentId::newDigest);

    private ContentId() {
    }

    public static String of(String canonical) {
        return of(canonical.getBytes(StandardCharsets.UTF_8));
    }

    public static String of(byte[] canonical) {
        return hex(sha256(canonical, 0, canonical.length), 16);
    }

    public static String of(byte[] bytes, int offset, int length) {
        return hex(sha256(bytes, offset, length), 16);
    }

    /** Full SHA-256 in hex, e.g. for the hash of quarantined raw bytes. */
    public static String sha256Hex(byte[] bytes, int offset, int length) {
        return hex(sha256(bytes, offset, length), 32);
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(bytes, offset, length);
        return digest.digest();
    }

    private static String hex(byte[] digest, int bytes) {
        char[] out = new char[bytes * 2];
        for (int i = 0; i < bytes; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
