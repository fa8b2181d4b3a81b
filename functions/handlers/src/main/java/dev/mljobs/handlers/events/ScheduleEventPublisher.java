package dev.mljobs.handlers.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleEvents;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Publishes "Schedule Fired" like the job status events: to an EventBridge bus in AWS, as one JSON
 * line shaped as EventBridge delivers it on the local bus.
 */
public final class ScheduleEventPublisher implements ScheduleEvents {

  public static final String DETAIL_TYPE = "Schedule Fired";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<ObjectNode> publish;

  /** The local bus: one JSON line per event. */
  public ScheduleEventPublisher(Consumer<String> lines, Clock clock) {
    this.publish =
        detail -> {
          ObjectNode event = JSON.createObjectNode();
          event.put("source", JobEventJson.SOURCE);
          event.put("detail-type", DETAIL_TYPE);
          event.put("time", clock.now().toString());
          event.set("detail", detail);
          lines.accept(event.toString());
        };
  }

  /** The EventBridge bus {@code busName}. */
  public ScheduleEventPublisher(EventBridgeClient events, String busName) {
    this.publish =
        detail ->
            events.putEvents(
                b ->
                    b.entries(
                        PutEventsRequestEntry.builder()
                            .eventBusName(busName)
                            .source(JobEventJson.SOURCE)
                            .detailType(DETAIL_TYPE)
                            .detail(detail.toString())
                            .resources(detail.get("schedule_id").asText())
                            .build()));
  }

  /** The {@code detail} of a "Schedule Fired" event. */
  public static ObjectNode detail(Schedule schedule, Firing firing) {
    ObjectNode d = JSON.createObjectNode();
    d.put("schedule_id", firing.scheduleId());
    d.put("owner", schedule.owner());
    d.put("template_id", schedule.templateId());
    d.put("scheduled_time", firing.scheduledTime().toString());
    d.put("job_id", firing.jobId() == null ? null : firing.jobId().toString());
    d.put("manual", firing.manual());
    return d;
  }

  @Override
  public void fired(Schedule schedule, Firing firing) {
    try {
      publish.accept(detail(schedule, firing));
    } catch (RuntimeException e) {
      // best effort by contract: the job is stored; say so where operators look
      System.err.println("event for schedule " + firing.scheduleId() + " not published: " + e);
    }
  }
}
