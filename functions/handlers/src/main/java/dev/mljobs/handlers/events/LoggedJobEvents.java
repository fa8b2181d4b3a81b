package dev.mljobs.handlers.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import java.io.PrintStream;

/** Writes each event as one JSON line, shaped as EventBridge would deliver it: the local bus. */
public final class LoggedJobEvents implements JobEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final Clock clock;

  public LoggedJobEvents(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void statusChanged(Job job) {
    ObjectNode event = JSON.createObjectNode();
    event.put("source", JobEventJson.SOURCE);
    event.put("detail-type", JobEventJson.DETAIL_TYPE);
    event.put("time", clock.now().toString());
    event.set("detail", JobEventJson.detail(job));
    out.println(event);
  }
}
