package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/** Inline Map states: runs the item processor once per item of ItemsPath. */
final class MapRunner {
  /** AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says. */
  private static final int INLINE_LIMIT = 40;

  private final GraphRunner graphs;
  private final ThreadFactory threads;

  MapRunner(GraphRunner graphs, ThreadFactory threads) {
    this.graphs = graphs;
    this.threads = threads;
  }

  Step run(MapState map, JsonNode raw, Attempt attempt) throws InterruptedException {
    Io io = map.header().io();
    ObjectNode context = attempt.context();
    JsonNode effective = io.inputPath().apply(raw, context);
    JsonNode items = map.itemsPath().read(effective, context);
    if (!items.isArray()) {
      throw StatesError.runtime(
          "ItemsPath '" + map.itemsPath() + "' must give an array, not " + items.getNodeType());
    }
    Lane lane = attempt.lane();
    lane.record(HistoryEventType.MAP_STATE_STARTED, EventDetails.mapStarted(items.size()));
    List<Fork.Job> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Iteration iteration = new Iteration(map, i, items.get(i), effective, context, lane.fork());
      jobs.add(iteration::run);
    }
    int limit =
        map.maxConcurrency() == 0 ? INLINE_LIMIT : Math.min(map.maxConcurrency(), INLINE_LIMIT);
    List<JsonNode> outputs;
    try {
      outputs = Fork.all(jobs, limit, threads);
    } catch (StatesError error) {
      lane.record(HistoryEventType.MAP_STATE_FAILED, null);
      throw error;
    }
    lane.record(HistoryEventType.MAP_STATE_SUCCEEDED, null);
    JsonNode result = Json.NODES.arrayNode().addAll(outputs);
    return new Step(io.output(raw, result, context), map.header().transition().next());
  }

  /** One item's run, with its own history lane. */
  private final class Iteration {
    private final MapState map;
    private final int index;
    private final JsonNode item;
    private final JsonNode mapInput;
    private final ObjectNode context;
    private final Lane lane;

    Iteration(
        MapState map, int index, JsonNode item, JsonNode mapInput, ObjectNode context, Lane lane) {
      this.map = map;
      this.index = index;
      this.item = item;
      this.mapInput = mapInput;
      this.context = context;
      this.lane = lane;
    }

    JsonNode run() throws InterruptedException {
      lane.record(HistoryEventType.MAP_ITERATION_STARTED, details());
      try {
        JsonNode input =
            map.itemSelector() == null
                ? item
                : map.itemSelector()
                    .evaluate(mapInput, ContextObject.withMapItem(context, index, item));
        JsonNode output = graphs.run(map.processor(), input, lane);
        lane.record(HistoryEventType.MAP_ITERATION_SUCCEEDED, details());
        return output;
      } catch (StatesError error) {
        lane.record(HistoryEventType.MAP_ITERATION_FAILED, details());
        throw error;
      } catch (InterruptedException stopped) {
        lane.record(HistoryEventType.MAP_ITERATION_ABORTED, details());
        throw stopped;
      }
    }

    private ObjectNode details() {
      return EventDetails.mapIteration(map.name(), index);
    }
  }
}
