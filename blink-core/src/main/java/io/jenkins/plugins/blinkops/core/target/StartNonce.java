package io.jenkins.plugins.blinkops.core.target;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The mark every start carries in its {@code event}, so that a start whose answer was lost can be
 * found again among the workflow's runs instead of being sent blindly a second time. It lives in
 * one place: {@code event.jenkins.nonce}, a random 128-bit value in hex.
 */
public final class StartNonce {
    /** The member of {@code event} that holds what Jenkins adds to a start. */
    public static final String EVENT_MEMBER = "jenkins";
    /** The member of {@code event.jenkins} that holds the nonce. */
    public static final String NONCE_MEMBER = "nonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StartNonce() {}

    /** A fresh nonce: 32 hex digits. */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The nonce an event carries, or {@code null} when it carries none. */
    public static String of(JsonElement event) {
        if (event == null || !event.isJsonObject()) {
            return null;
        }
        JsonElement jenkins = event.getAsJsonObject().get(EVENT_MEMBER);
        if (jenkins == null || !jenkins.isJsonObject()) {
            return null;
        }
        JsonElement nonce = jenkins.getAsJsonObject().get(NONCE_MEMBER);
        return nonce != null && nonce.isJsonPrimitive() ? nonce.getAsString() : null;
    }

    /** {@code event.jenkins}, created when absent; the caller has checked that it is an object if present. */
    public static JsonObject jenkinsMember(JsonObject event) {
        JsonElement member = event.get(EVENT_MEMBER);
        if (member == null || !member.isJsonObject()) {
            JsonObject created = new JsonObject();
            event.add(EVENT_MEMBER, created);
            return created;
        }
        return member.getAsJsonObject();
    }
}
