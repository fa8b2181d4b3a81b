package dev.mljobs.handlers.events;

import dev.mljobs.core.group.GroupEvents;
import dev.mljobs.core.group.JobGroup;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Publishes each group event to the EventBridge bus of the job events. */
public final class EventBridgeGroupEvents implements GroupEvents {

  private final EventBridgeClient events;
  private final String busName;

  public EventBridgeGroupEvents(EventBridgeClient events, String busName) {
    this.events = events;
    this.busName = busName;
  }

  @Override
  public void statusChanged(JobGroup group) {
    try {
      events.putEvents(
          b ->
              b.entries(
                  PutEventsRequestEntry.builder()
                      .eventBusName(busName)
                      .source(JobEventJson.SOURCE)
                      .detailType(GroupEventJson.DETAIL_TYPE)
                      .detail(GroupEventJson.detail(group).toString())
                      .resources(group.groupId())
                      .build()));
    } catch (RuntimeException e) {
      // best effort by contract: the change itself is stored
      System.err.println("event for group " + group.groupId() + " not published: " + e);
    }
  }
}
