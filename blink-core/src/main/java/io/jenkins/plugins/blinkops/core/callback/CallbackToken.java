package io.jenkins.plugins.blinkops.core.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret part of the URL that Blink calls back when a run ends: 256 random bits, one token per
 * execution. The token itself travels only in the execute request to Blink; Jenkins keeps its
 * {@link #hash()}, so that nothing saved with a build, nor a heap dump of the registry, lets anyone
 * knock on a wait's door.
 */
public final class CallbackToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    /** The length of every token ({@link #BYTES} in URL-safe base64, unpadded). */
    static final int LENGTH = 43;

    private final String value;

    private CallbackToken(String value) {
        this.value = value;
    }

    public static CallbackToken generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new CallbackToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token as it goes into the callback URL: URL-safe, so it needs no encoding. */
    public String value() {
        return value;
    }

    /** What is stored instead of the token: its SHA-256, in hex. */
    public String hash() {
        return hashOf(value);
    }

    /**
     * The SHA-256 of whatever a caller presented, in hex: the same work for every input of a given
     * length, whether a wait knows it or not.
     */
    public static String hashOf(String presented) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** Never the token: it may end up in a log line by way of an object that holds it. */
    @Override
    public String toString() {
        return "CallbackToken[****]";
    }
}
