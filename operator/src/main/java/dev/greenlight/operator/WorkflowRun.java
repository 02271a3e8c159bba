package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Where an execution went in the workflow, from its history: the states it entered, in order, the transitions it
 * took, the state it is in now and the state it failed in, and each state's latest input and output.
 *
 * @param entered     states entered, in first-entry order, with how many times each was entered
 * @param transitions the transitions taken, as "from\u0000to"
 * @param current     the state entered last and not yet left, while the execution runs; else null
 * @param failed      the state the execution ended in when it did not succeed; else null
 * @param data        each state's latest input and output (output null while it runs)
 */
record WorkflowRun(Map<String, Integer> entered, Set<String> transitions, String current, String failed,
                   Map<String, StateData> data) {

    static final WorkflowRun NONE = new WorkflowRun(Map.of(), Set.of(), null, null, Map.of());

    /**
     * One entry of a state.
     *
     * @param input     what it was given
     * @param output    what it passed on; null while it has not exited
     * @param enteredAt when it was entered
     */
    record StateData(String input, String output, java.time.Instant enteredAt) {
    }

    /**
     * @param events the execution's history, oldest first
     * @param status the execution's status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
     */
    static WorkflowRun of(List<HistoryEvent> events, String status) {
        Map<String, Integer> entered = new LinkedHashMap<>();
        Set<String> transitions = new LinkedHashSet<>();
        Map<String, StateData> data = new HashMap<>();
        String last = null;
        boolean inState = false;
        for (HistoryEvent event : events) {
            if (event.stateEnteredEventDetails() != null) {
                String name = event.stateEnteredEventDetails().name();
                if (last != null) {
                    transitions.add(last + '\u0000' + name);
                }
                entered.merge(name, 1, Integer::sum);
                data.put(name, new StateData(event.stateEnteredEventDetails().input(), null, event.timestamp()));
                last = name;
                inState = true;
            } else if (event.stateExitedEventDetails() != null) {
                String name = event.stateExitedEventDetails().name();
                StateData entry = data.get(name);
                if (entry != null) {
                    data.put(name, new StateData(entry.input(), event.stateExitedEventDetails().output(),
                            entry.enteredAt()));
                }
                inState = !name.equals(last);
            }
        }
        boolean running = "RUNNING".equals(status);
        boolean failed = status != null && !running && !"SUCCEEDED".equals(status);
        return new WorkflowRun(entered, transitions, running && inState ? last : null, failed ? last : null,
                data);
    }

    boolean took(String from, String to) {
        return transitions.contains(from + '\u0000' + to);
    }

    /** The states entered, in first-entry order. */
    List<String> path() {
        return new ArrayList<>(entered.keySet());
    }
}
