package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.IntrinsicException;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import dev.greenlight.statemachine.json.PathRoots;
import dev.greenlight.statemachine.json.PayloadTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Input and output processing of a state: InputPath, Parameters, ResultSelector, ResultPath and
 * OutputPath. A field that is absent means "$"; a field that is JSON null means "nothing"/"discard".
 */
record DataFlow(JsonNode inputPath, JsonNode outputPath, JsonNode resultPath, PayloadTemplate parameters,
                PayloadTemplate resultSelector) {

    static DataFlow of(JsonNode state, String parametersField) {
        return new DataFlow(state.get("InputPath"), state.get("OutputPath"), state.get("ResultPath"),
                template(state.get(parametersField)), template(state.get("ResultSelector")));
    }

    private static PayloadTemplate template(JsonNode node) {
        return node == null ? null : new PayloadTemplate(node);
    }

    JsonNode effectiveInput(JsonNode raw, StateContext context) throws AslError {
        return select(inputPath, raw, context, "InputPath");
    }

    JsonNode parameters(JsonNode effective, StateContext context) throws AslError {
        return parameters == null ? effective : applyTemplate(parameters, context.roots(effective), context);
    }

    JsonNode selectResult(JsonNode result, StateContext context) throws AslError {
        return resultSelector == null ? result : applyTemplate(resultSelector, context.roots(result), context);
    }

    JsonNode output(JsonNode raw, JsonNode result, StateContext context) throws AslError {
        JsonNode merged = mergeResult(resultPath, raw, result);
        return select(outputPath, merged, context, "OutputPath");
    }

    JsonNode outputOfEffective(JsonNode effective, StateContext context) throws AslError {
        return select(outputPath, effective, context, "OutputPath");
    }

    /** ResultPath: where the result goes into the raw input (also used by Catch). */
    static JsonNode mergeResult(JsonNode resultPath, JsonNode raw, JsonNode result) throws AslError {
        if (resultPath == null) {
            return result;
        }
        if (resultPath.isNull()) {
            return raw;
        }
        try {
            return JsonPath.parse(resultPath.stringValue()).set(raw, result);
        } catch (JsonPathException e) {
            throw new AslError(AslError.RESULT_PATH_MATCH_FAILURE, e.getMessage());
        }
    }

    private static JsonNode select(JsonNode path, JsonNode data, StateContext context, String field) throws AslError {
        if (path == null) {
            return data;
        }
        if (path.isNull()) {
            return Json.object();
        }
        try {
            return JsonPath.parse(path.stringValue()).evaluate(context.roots(data));
        } catch (JsonPathException e) {
            throw new AslError(AslError.RUNTIME, "Invalid path '" + path.stringValue() + "' for " + field
                    + " in state '" + context.stateName + "': " + e.getMessage());
        }
    }

    static JsonNode applyTemplate(PayloadTemplate template, PathRoots roots, StateContext context) throws AslError {
        try {
            return template.apply(roots, context.run.intrinsics);
        } catch (JsonPathException e) {
            // the ASL spec names this States.ParameterPathFailure, but AWS fails the execution with States.Runtime
            throw new AslError(AslError.RUNTIME, e.getMessage() + " (state '" + context.stateName + "')");
        } catch (IntrinsicException e) {
            throw new AslError(AslError.INTRINSIC_FAILURE, e.getMessage() + " (state '" + context.stateName + "')");
        }
    }
}
