package dev.mljobs.local.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** StartAt and States: the whole machine, a Parallel branch or a Map's item processor. */
record StateGraph(String startAt, Map<String, State> states) {
  StateGraph {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    if (!states.containsKey(startAt)) {
      throw new IllegalArgumentException("StartAt names no state: " + startAt);
    }
  }

  State state(String name) {
    return states.get(name);
  }

  State start() {
    return states.get(startAt);
  }
}
