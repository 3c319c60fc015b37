package io.jenkins.plugins.blinkops.core.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Blink API calls the fake answers; faults and recorded requests are keyed by these. Each is a
 * page of Blink's API reference (see {@link BlinkApi}), except {@link #GET_STEPS} (seen in Blink's
 * own client) and {@link #CANCEL} (a 2022 spec).
 */
public enum Route {
    USER_WORKSPACES("GET", "/user-workspaces"),
    GET_WORKSPACE("GET", "/workspaces/([^/]+)"),
    LIST_WORKFLOWS("GET", "/workspace/([^/]+)/playbooks"),
    GET_WORKFLOW("GET", "/workspace/([^/]+)/playbooks/([^/]+)"),
    EXECUTE("POST", "/workspace/([^/]+)/playbooks/([^/]+)/execute"),
    LIST_EXECUTIONS("GET", "/workspace/([^/]+)/executions"),
    GET_EXECUTION("GET", "/workspace/([^/]+)/executions/([^/]+)"),
    GET_STEPS("GET", "/workspace/([^/]+)/executions/([^/]+)/steps"),
    CANCEL("POST", "/workspace/([^/]+)/executions/([^/]+)/cancel");

    /** Every route lives under this prefix of the host URL. */
    static final String API_PREFIX = "/api/v1";

    private final String method;
    private final Pattern path;

    Route(String method, String pathRegex) {
        this.method = method;
        this.path = Pattern.compile(Pattern.quote(API_PREFIX) + pathRegex);
    }

    /** A route and its path parameters (workspace id, then workflow or execution id), decoded. */
    record Match(Route route, List<String> params) {
        String param(int index) {
            return params.get(index);
        }
    }

    /** The route a raw request path and method name, or null when the fake has no such call. */
    static Match match(String method, String rawPath) {
        for (Route route : values()) {
            Matcher m = route.path.matcher(rawPath);
            if (route.method.equals(method) && m.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(decodeSegment(m.group(i)));
                }
                return new Match(route, List.copyOf(params));
            }
        }
        return null;
    }

    /** URLDecoder is made for forms, where '+' means space; in a path '+' is itself. */
    private static String decodeSegment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
