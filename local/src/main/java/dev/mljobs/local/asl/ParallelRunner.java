package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/** Parallel states: all branches at once on the same input; output is their outputs in order. */
final class ParallelRunner {
  private final GraphRunner graphs;
  private final ThreadFactory threads;

  ParallelRunner(GraphRunner graphs, ThreadFactory threads) {
    this.graphs = graphs;
    this.threads = threads;
  }

  Step run(ParallelState state, JsonNode raw, Attempt attempt) throws InterruptedException {
    Io io = state.header().io();
    ObjectNode context = attempt.context();
    JsonNode input = io.parametersOf(io.inputPath().apply(raw, context), context);
    Lane lane = attempt.lane();
    lane.record(HistoryEventType.PARALLEL_STATE_STARTED, null);
    List<Fork.Job> jobs = new ArrayList<>();
    for (StateGraph branch : state.branches()) {
      Lane branchLane = lane.fork();
      jobs.add(() -> graphs.run(branch, input, branchLane));
    }
    List<JsonNode> outputs;
    try {
      outputs = Fork.all(jobs, jobs.size(), threads);
    } catch (StatesError error) {
      lane.record(HistoryEventType.PARALLEL_STATE_FAILED, null);
      throw error;
    }
    lane.record(HistoryEventType.PARALLEL_STATE_SUCCEEDED, null);
    JsonNode result = Json.NODES.arrayNode().addAll(outputs);
    return new Step(io.output(raw, result, context), state.header().transition().next());
  }
}
