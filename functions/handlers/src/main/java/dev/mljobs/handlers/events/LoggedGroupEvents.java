package dev.mljobs.handlers.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.group.GroupEvents;
import dev.mljobs.core.group.JobGroup;
import java.io.PrintStream;

/** Writes each group event as one JSON line, shaped as EventBridge would deliver it. */
public final class LoggedGroupEvents implements GroupEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final Clock clock;

  public LoggedGroupEvents(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void statusChanged(JobGroup group) {
    ObjectNode event = JSON.createObjectNode();
    event.put("source", JobEventJson.SOURCE);
    event.put("detail-type", GroupEventJson.DETAIL_TYPE);
    event.put("time", clock.now().toString());
    event.set("detail", GroupEventJson.detail(group));
    out.println(event);
  }
}
