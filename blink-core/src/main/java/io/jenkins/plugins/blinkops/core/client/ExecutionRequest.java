package io.jenkins.plugins.blinkops.core.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.target.SafeId;
import io.jenkins.plugins.blinkops.core.target.StartNonce;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to start in Blink: a workflow of a workspace, with its inputs and the optional event,
 * runner group, trigger type and earlier execution. Checked when built, so that nothing invalid is
 * ever sent. Use {@link #builder(String, String)}.
 *
 * <p>Each request carries its own {@link StartNonce} in {@code event.jenkins.nonce}, chosen when it
 * is built: every send of it is the same start, which lets an ambiguous answer be resolved by
 * looking for the nonce among the workflow's runs.
 */
public final class ExecutionRequest {
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    private final String workspaceId;
    private final String workflowId;
    private final JsonObject inputValues;
    private final JsonObject event;
    private final String runner;
    private final String triggerType;
    private final String pastExecutionRef;
    /** Where Blink calls when the run ends; it holds a {@link CallbackToken}, so it is never shown. */
    private final String callbackUrl;
    /** Sent as {@code event.jenkins.nonce}; the same for every send of this request. */
    private final String nonce;
    /** More members of {@code event.jenkins} (job, build, ...); never the nonce. */
    private final Map<String, String> jenkinsContext;

    private ExecutionRequest(Builder b) {
        this.workspaceId = b.workspaceId;
        this.workflowId = b.workflowId;
        this.inputValues = b.inputValues.deepCopy();
        this.event = b.event == null ? null : b.event.deepCopy();
        this.runner = b.runner;
        this.triggerType = b.triggerType;
        this.pastExecutionRef = b.pastExecutionRef;
        this.callbackUrl = null;
        this.nonce = StartNonce.random();
        this.jenkinsContext = Map.of();
    }

    private ExecutionRequest(ExecutionRequest r, String callbackUrl, Map<String, String> jenkinsContext) {
        this.workspaceId = r.workspaceId;
        this.workflowId = r.workflowId;
        this.inputValues = r.inputValues;
        this.event = r.event;
        this.runner = r.runner;
        this.triggerType = r.triggerType;
        this.pastExecutionRef = r.pastExecutionRef;
        this.callbackUrl = callbackUrl;
        this.nonce = r.nonce;
        this.jenkinsContext = jenkinsContext;
    }

    public static Builder builder(String workspaceId, String workflowId) {
        return new Builder(workspaceId, workflowId);
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String workflowId() {
        return workflowId;
    }

    /** The inputs as sent, a copy. */
    public JsonObject inputValues() {
        return inputValues.deepCopy();
    }

    /**
     * This request, asking Blink to call {@code baseUrl + token} when the run ends.
     *
     * @param baseUrl an http(s) URL ending in {@code /}, under which Jenkins answers callbacks
     * @throws InvalidInputException when it is not
     */
    public ExecutionRequest withCallback(String baseUrl, CallbackToken token) {
        String base = baseUrl == null ? "" : baseUrl.strip();
        if (!(base.startsWith("https://") || base.startsWith("http://")) || !base.endsWith("/")) {
            throw new InvalidInputException("callbackUrl", "'" + base + "' must be an http(s) URL that ends with '/'");
        }
        return new ExecutionRequest(this, base + token.value(), jenkinsContext);
    }

    /** The nonce every send of this request carries in {@code event.jenkins.nonce}. */
    public String nonce() {
        return nonce;
    }

    /**
     * This request, with more members of {@code event.jenkins} describing where it comes from (job,
     * build number, build URL, who started it): Blink's run then shows them. The nonce stays this
     * request's own; a member of that name here is refused.
     *
     * @throws InvalidInputException when a name is blank or is the nonce's
     */
    public ExecutionRequest withJenkinsContext(Map<String, String> context) {
        Map<String, String> merged = new LinkedHashMap<>(jenkinsContext);
        context.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.equals(StartNonce.NONCE_MEMBER)) {
                throw new InvalidInputException(
                        "event." + StartNonce.EVENT_MEMBER,
                        "'" + name + "' cannot be set: the member is empty or is the start's own nonce");
            }
            if (value != null) {
                merged.put(name, value);
            }
        });
        return new ExecutionRequest(this, callbackUrl, Map.copyOf(merged));
    }

    /** Whether Blink is asked to call back when the run ends, which lets the wait poll less. */
    public boolean callbackArmed() {
        return callbackUrl != null;
    }

    /** The body of {@code POST .../execute}: only what was set, in the API's snake_case. */
    public String toJsonBody() {
        JsonObject body = new JsonObject();
        if (!inputValues.isEmpty()) {
            body.add("input_values", inputValues);
        }
        body.add("event", eventWithNonce());
        putIfSet(body, "runner", runner);
        putIfSet(body, "trigger_type", triggerType);
        putIfSet(body, "past_exec_ref", pastExecutionRef);
        if (callbackUrl != null) {
            // the reference documents these two members; the others (headers, body, ...) are
            // left to Blink's defaults, since whatever Blink sends is ignored: the call only wakes
            JsonObject callback = new JsonObject();
            callback.addProperty("url", callbackUrl);
            callback.addProperty("method", "POST");
            body.add("callback", callback);
        }
        return body.toString();
    }

    /**
     * The user's event with {@code jenkins} added: the user's own members of {@code event.jenkins}
     * win over the context, the nonce wins over everything.
     */
    private JsonObject eventWithNonce() {
        JsonObject sent = event == null ? new JsonObject() : event.deepCopy();
        JsonObject jenkins = StartNonce.jenkinsMember(sent);
        jenkinsContext.forEach((name, value) -> {
            if (!jenkins.has(name)) {
                jenkins.addProperty(name, value);
            }
        });
        jenkins.addProperty(StartNonce.NONCE_MEMBER, nonce);
        return sent;
    }

    private static void putIfSet(JsonObject body, String name, String value) {
        if (value != null) {
            body.addProperty(name, value);
        }
    }

    @Override
    public String toString() {
        return "ExecutionRequest[workspace=" + workspaceId + ", workflow=" + workflowId + ", inputs="
                + inputValues.keySet() + (callbackUrl == null ? "" : ", callback") + "]";
    }

    /** Collects the parts of a request; {@link #build()} checks them. */
    public static final class Builder {
        private final String workspaceId;
        private final String workflowId;
        private final JsonObject inputValues = new JsonObject();
        private VariableExpander expander = VariableExpander.NONE;
        private JsonObject event;
        private String runner;
        private String triggerType;
        private String pastExecutionRef;

        private Builder(String workspaceId, String workflowId) {
            this.workspaceId = requireId(workspaceId, "workspaceId");
            this.workflowId = requireId(workflowId, "workflowId");
        }

        /** Expands {@code ${NAME}} in the string values of inputs added after this call. */
        public Builder expandingWith(VariableExpander variableExpander) {
            this.expander = Objects.requireNonNull(variableExpander);
            return this;
        }

        /**
         * Adds inputs. Strings have their references expanded; numbers, booleans, lists and maps keep
         * their JSON type, with references expanded in the strings they hold.
         */
        public Builder inputs(Map<String, ?> values) {
            values.forEach(this::input);
            return this;
        }

        public Builder input(String name, Object value) {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("inputs", "an input has no name");
            }
            String field = "inputs." + name;
            inputValues.add(name.strip(), expand(JsonValues.toJson(value), field));
            return this;
        }

        /**
         * Adds each build parameter as a text input, unless an input of that name was given: what the
         * user wrote explicitly wins.
         */
        public Builder parametersAsInputs(Map<String, String> parameters) {
            new LinkedHashMap<>(parameters).forEach((name, value) -> {
                if (!inputValues.has(name)) {
                    inputValues.addProperty(name, value);
                }
            });
            return this;
        }

        /** The event, as JSON text; blank means none. */
        public Builder eventJson(String json) {
            this.event = json == null || json.isBlank()
                    ? null
                    : expand(JsonValues.parseObject(json, "event"), "event").getAsJsonObject();
            return this;
        }

        /** The event, as a map (Pipeline); empty or {@code null} means none. */
        public Builder event(Map<String, ?> map) {
            this.event = map == null || map.isEmpty()
                    ? null
                    : expand(JsonValues.toJson(map), "event").getAsJsonObject();
            return this;
        }

        public Builder runner(String runnerGroup) {
            this.runner = optionalText(runnerGroup, "runner");
            return this;
        }

        public Builder triggerType(String type) {
            this.triggerType = optionalText(type, "triggerType");
            return this;
        }

        public Builder pastExecutionRef(String executionId) {
            String ref = optionalText(executionId, "pastExecutionRef");
            // an execution id like any other: what Blink is told to look up must be one
            this.pastExecutionRef = ref == null ? null : SafeId.require(ref, "pastExecutionRef");
            return this;
        }

        public ExecutionRequest build() {
            JsonElement jenkins = event == null ? null : event.get(StartNonce.EVENT_MEMBER);
            if (jenkins != null && !jenkins.isJsonObject()) {
                throw new InvalidInputException(
                        "event",
                        "its member '" + StartNonce.EVENT_MEMBER + "' must be a JSON object: Jenkins adds the start's"
                                + " nonce to it");
            }
            return new ExecutionRequest(this);
        }

        private JsonElement expand(JsonElement json, String field) {
            if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isNumber()) {
                requireFinite(json.getAsJsonPrimitive().getAsNumber(), field);
            }
            if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isString()) {
                return new JsonPrimitive(expander.expand(json.getAsString(), field));
            }
            if (json.isJsonObject()) {
                JsonObject copy = new JsonObject();
                json.getAsJsonObject().entrySet().forEach(e -> copy.add(e.getKey(), expand(e.getValue(), field)));
                return copy;
            }
            if (json.isJsonArray()) {
                JsonArray copy = new JsonArray();
                json.getAsJsonArray().forEach(e -> copy.add(expand(e, field)));
                return copy;
            }
            return json;
        }

        /** JSON has no NaN nor infinity: Gson would write them as they are, a body Blink cannot read. */
        private static void requireFinite(Number n, String field) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw new InvalidInputException(field, "holds " + n + ", which is not a number JSON can carry");
            }
        }

        private String optionalText(String value, String field) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String expanded = expander.expand(value.strip(), field);
            if (CONTROL_CHARACTERS.matcher(expanded).find()) {
                throw new InvalidInputException(field, "contains a line break or another control character");
            }
            return expanded;
        }
    }

    /** Ids go into the URL path, so they must be present and plain: see {@link SafeId}. */
    static String requireId(String id, String field) {
        return SafeId.require(id, field);
    }
}
