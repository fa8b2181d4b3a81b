package dev.mljobs.handlers.events;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Publishes each event to an EventBridge bus, where rules route it to subscribers. */
public final class EventBridgeJobEvents implements JobEvents {

  private final EventBridgeClient events;
  private final String busName;

  public EventBridgeJobEvents(EventBridgeClient events, String busName) {
    this.events = events;
    this.busName = busName;
  }

  @Override
  public void statusChanged(Job job) {
    try {
      events.putEvents(
          b ->
              b.entries(
                  PutEventsRequestEntry.builder()
                      .eventBusName(busName)
                      .source(JobEventJson.SOURCE)
                      .detailType(JobEventJson.DETAIL_TYPE)
                      .detail(JobEventJson.detail(job).toString())
                      .resources(job.jobId().toString())
                      .build()));
    } catch (RuntimeException e) {
      // best effort by contract: the change itself is stored; say so where operators look
      System.err.println("event for job " + job.jobId() + " not published: " + e);
    }
  }
}
