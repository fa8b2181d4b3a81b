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
  public static final String SKIPPED_TYPE = "Schedule Firing Skipped";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Publishes one event: its detail-type and its detail. */
  private final java.util.function.BiConsumer<String, ObjectNode> publish;

  /** The local bus: one JSON line per event. */
  public ScheduleEventPublisher(Consumer<String> lines, Clock clock) {
    this.publish =
        (type, detail) -> {
          ObjectNode event = JSON.createObjectNode();
          event.put("source", JobEventJson.SOURCE);
          event.put("detail-type", type);
          event.put("time", clock.now().toString());
          event.set("detail", detail);
          lines.accept(event.toString());
        };
  }

  /** The EventBridge bus {@code busName}. */
  public ScheduleEventPublisher(EventBridgeClient events, String busName) {
    this.publish =
        (type, detail) ->
            events.putEvents(
                b ->
                    b.entries(
                        PutEventsRequestEntry.builder()
                            .eventBusName(busName)
                            .source(JobEventJson.SOURCE)
                            .detailType(type)
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
    publish(DETAIL_TYPE, detail(schedule, firing));
  }

  @Override
  public void skipped(Schedule schedule, Firing firing, String reason) {
    ObjectNode detail = detail(schedule, firing);
    detail.put("outcome", firing.outcome().wireName());
    detail.put("reason", reason);
    publish(SKIPPED_TYPE, detail);
  }

  private void publish(String type, ObjectNode detail) {
    try {
      publish.accept(type, detail);
    } catch (RuntimeException e) {
      // best effort by contract: the job is stored; say so where operators look
      System.err.println(
          type + " event for schedule " + detail.get("schedule_id") + " not published: " + e);
    }
  }
}
