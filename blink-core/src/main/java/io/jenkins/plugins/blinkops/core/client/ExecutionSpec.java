package io.jenkins.plugins.blinkops.core.client;

import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A workflow call as the user configured it, before the build's variables are known: the one model
 * behind the freestyle step, the Pipeline step and the post-build action. Values may hold
 * {@code ${NAME}} references.
 *
 * @param workspaceId         blank to use the connection's default workspace
 * @param inputs              the workflow's inputs: a map whose values keep their JSON type, or JSON
 *                            object text (what the Pipeline step's documented {@code inputs} holds),
 *                            or {@code null}
 * @param passBuildParameters also send each build parameter as an input (explicit inputs win)
 * @param event               JSON object text, or a map, or {@code null}
 * @param strictReferences    whether a reference to an unknown variable is an error
 */
public record ExecutionSpec(
        String workspaceId,
        String workflowId,
        Object inputs,
        boolean passBuildParameters,
        Object event,
        String runner,
        String triggerType,
        String pastExecutionRef,
        boolean strictReferences) {

    /**
     * The request to send for one build.
     *
     * @param defaultWorkspaceId the connection's, used when the spec names none
     * @param references         what {@code ${NAME}} may stand for
     * @param parameters         the build's parameters alone, for {@link #passBuildParameters}
     * @throws InvalidInputException naming the field that is wrong; nothing has been sent
     */
    public ExecutionRequest toRequest(
            String defaultWorkspaceId, References references, Map<String, String> parameters, BuildLog log) {
        Set<String> unresolved = new LinkedHashSet<>();
        Set<String> withheld = new LinkedHashSet<>();
        VariableExpander expander = new VariableExpander(references, strictReferences, unresolved::add, withheld::add);
        String ws = ExecutionRef.workspaceOrDefault(workspaceId, defaultWorkspaceId);
        ExecutionRequest.Builder builder = ExecutionRequest.builder(
                        expander.expand(ws, "workspaceId"), expander.expand(nullToEmpty(workflowId), "workflowId"))
                .expandingWith(expander)
                .inputs(inputValues())
                .runner(runner)
                .triggerType(triggerType)
                .pastExecutionRef(pastExecutionRef);
        if (event instanceof Map<?, ?> map) {
            builder.event(stringKeys(map));
        } else if (event != null) {
            builder.eventJson(event.toString());
        }
        if (passBuildParameters) {
            builder.parametersAsInputs(parameters);
        }
        unresolved.forEach(name ->
                log.warn("${" + name + "} is neither a build parameter nor a variable; " + "it is sent as written."));
        withheld.forEach(
                name -> log.warn(
                        "${" + name + "} is sent as written, not expanded: it is a sensitive"
                                + " variable (a password parameter or a credentials binding), which never reaches Blink by expansion."));
        return builder.build();
    }

    private Map<String, ?> inputValues() {
        if (inputs instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        return inputs == null
                ? Map.of()
                : JsonValues.parseObject(inputs.toString(), "inputs").asMap();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
