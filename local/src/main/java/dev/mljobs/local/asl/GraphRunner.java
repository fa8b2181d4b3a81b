package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Runs a graph of states from StartAt to its end, state by state, recording each state's entry and
 * exit. One per execution; Parallel and Map states call back into it for their branches.
 */
final class GraphRunner {
  private final RunServices services;
  private final ContextObject context;
  private final Recovery recovery;
  private final FlowStates flow;
  private final TaskRunner tasks;
  private final ParallelRunner parallels;
  private final MapRunner maps;

  GraphRunner(RunServices services, ExecutionRequest request, ContextObject context) {
    this.services = services;
    this.context = context;
    this.recovery = new Recovery(services);
    this.flow = new FlowStates(services.sleeper(), services.clock());
    this.tasks = new TaskRunner(services, request);
    this.parallels = new ParallelRunner(this, services.threads());
    this.maps = new MapRunner(this, services.threads());
  }

  /**
   * @return the output of the state that ended the graph
   * @throws StatesError the error that no state caught
   * @throws InterruptedException when the execution is stopped
   */
  JsonNode run(StateGraph graph, JsonNode input, Lane lane) throws InterruptedException {
    State state = graph.start();
    JsonNode data = input;
    while (true) {
      if (Thread.interrupted()) { // a loop of Pass and Choice states never blocks
        throw new InterruptedException();
      }
      Step step = runState(state, data, lane);
      if (step.next() == null) {
        return step.output();
      }
      state = graph.state(step.next());
      data = step.output();
    }
  }

  private Step runState(State state, JsonNode input, Lane lane) throws InterruptedException {
    String type = state.header().type();
    String name = state.name();
    Instant entered = services.clock().instant();
    HistoryEventType.forState(type, "Entered")
        .ifPresent(t -> lane.record(t, EventDetails.state(name, "input", input)));
    try {
      Step step =
          recovery.run(
              state.header().errors(),
              input,
              retries ->
                  attempt(
                      state,
                      input,
                      new Attempt(context.forState(name, entered, retries), retries, lane)));
      HistoryEventType.forState(type, "Exited")
          .ifPresent(t -> lane.record(t, EventDetails.state(name, "output", step.output())));
      return step;
    } catch (InterruptedException e) {
      HistoryEventType.forState(type, "Aborted").ifPresent(t -> lane.record(t, null));
      throw e;
    }
  }

  private Step attempt(State state, JsonNode input, Attempt attempt) throws InterruptedException {
    if (state instanceof TaskState task) {
      return tasks.run(task, input, attempt);
    }
    if (state instanceof ParallelState parallel) {
      return parallels.run(parallel, input, attempt);
    }
    if (state instanceof MapState map) {
      return maps.run(map, input, attempt);
    }
    return flow.run(state, input, attempt.context());
  }
}
