package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

/** A state of a state machine; one class per ASL state type. */
sealed interface State permits TaskState, PassState, WaitState, ChoiceState, SucceedState, FailState, ParallelState, MapState {

    String name();

    /** The ASL Type, which also names the history events (TaskStateEntered, ...). */
    String type();

    /** Runs the state on its raw input and says where to go next. */
    Transition execute(JsonNode input, StateContext context) throws AslError;
}
