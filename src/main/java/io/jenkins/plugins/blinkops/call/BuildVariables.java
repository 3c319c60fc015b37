package io.jenkins.plugins.blinkops.call;

import hudson.EnvVars;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build's variables as the engine reads them: every variable for {@code ${NAME}} references, and
 * the build parameters alone for "pass build parameters".
 *
 * @param variables  the environment of the step, with the build parameters over it
 * @param parameters the build parameters as text; sensitive ones (passwords) are left out, so that
 *                   they reach Blink only where a user references them by name
 */
@Restricted(NoExternalUse.class)
public record BuildVariables(Map<String, String> variables, Map<String, String> parameters) {

    public static BuildVariables of(Run<?, ?> run, EnvVars environment) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> sensitive = new LinkedHashMap<>();
        ParametersAction action = run.getAction(ParametersAction.class);
        if (action != null) {
            for (ParameterValue parameter : action.getParameters()) {
                String text = asText(run, parameter);
                if (text != null) {
                    (parameter.isSensitive() ? sensitive : parameters).put(parameter.getName(), text);
                }
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment != null) {
            variables.putAll(environment);
        }
        variables.putAll(parameters);
        variables.putAll(sensitive);
        return new BuildVariables(variables, parameters);
    }

    /** A parameter's value as the build's environment shows it, whatever its type. */
    private static String asText(Run<?, ?> run, ParameterValue parameter) {
        EnvVars single = new EnvVars();
        parameter.buildEnvironment(run, single);
        return single.get(parameter.getName());
    }
}
