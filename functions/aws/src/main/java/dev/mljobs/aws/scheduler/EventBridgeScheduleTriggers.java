package dev.mljobs.aws.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.schedule.AtExpression;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleTriggers;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * {@link ScheduleTriggers} on EventBridge Scheduler: one schedule per schedule of ours, in group
 * {@link #GROUP}, named {@link #name}, whose target is the schedule handler with the input {@code
 * {"schedule_id": ..., "scheduled_time": "<aws.scheduler.scheduled-time>"}}.
 */
public final class EventBridgeScheduleTriggers implements ScheduleTriggers {

  /** The schedule group every schedule of ours lives in. */
  public static final String GROUP = "mljobs";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchedulerClient scheduler;
  private final String handlerArn;
  private final String roleArn;

  /**
   * @param handlerArn the schedule handler (a Lambda function)
   * @param roleArn the role the Scheduler assumes to invoke it
   */
  public EventBridgeScheduleTriggers(SchedulerClient scheduler, String handlerArn, String roleArn) {
    this.scheduler = scheduler;
    this.handlerArn = handlerArn;
    this.roleArn = roleArn;
  }

  /** The Scheduler's name for a schedule of ours: at most 64 of {@code [0-9a-zA-Z-_.]}. */
  public static String name(String scheduleId) {
    return "mljobs-" + scheduleId;
  }

  /** The input the handler receives; the Scheduler fills in the scheduled time. */
  public static String input(String scheduleId) {
    return JSON.createObjectNode()
        .put("schedule_id", scheduleId)
        .put("scheduled_time", "<aws.scheduler.scheduled-time>")
        .toString();
  }

  @Override
  public void put(Schedule schedule) {
    if (schedule.version() <= 1) {
      create(schedule);
      return;
    }
    try {
      scheduler.updateSchedule(update(schedule));
    } catch (ResourceNotFoundException gone) {
      create(schedule);
    }
  }

  @Override
  public void delete(String scheduleId) {
    try {
      scheduler.deleteSchedule(b -> b.groupName(GROUP).name(name(scheduleId)));
    } catch (ResourceNotFoundException alreadyGone) {
      // nothing to remove
    }
  }

  private void create(Schedule schedule) {
    try {
      createIn(schedule);
    } catch (ResourceNotFoundException noGroup) {
      // the stack creates the group in AWS; a fresh local runtime or account may not have it yet
      try {
        scheduler.createScheduleGroup(b -> b.name(GROUP));
      } catch (ConflictException createdMeanwhile) {
        // fine
      }
      createIn(schedule);
    } catch (ConflictException exists) {
      scheduler.updateSchedule(update(schedule));
    }
  }

  private void createIn(Schedule schedule) {
    boolean once = schedule.expression() instanceof AtExpression;
    CreateScheduleRequest.Builder b =
        CreateScheduleRequest.builder()
            .groupName(GROUP)
            .name(name(schedule.scheduleId()))
            .scheduleExpression(schedule.expression().expression())
            .scheduleExpressionTimezone(schedule.timezone().id())
            .state(state(schedule))
            .flexibleTimeWindow(off())
            .actionAfterCompletion(ActionAfterCompletion.NONE)
            .target(target(schedule));
    if (!once) {
      schedule.window().startDate().ifPresent(b::startDate);
      schedule.window().endDate().ifPresent(b::endDate);
    }
    scheduler.createSchedule(b.build());
  }

  private UpdateScheduleRequest update(Schedule schedule) {
    // UpdateSchedule replaces the whole schedule: every field is sent again
    boolean once = schedule.expression() instanceof AtExpression;
    UpdateScheduleRequest.Builder b =
        UpdateScheduleRequest.builder()
            .groupName(GROUP)
            .name(name(schedule.scheduleId()))
            .scheduleExpression(schedule.expression().expression())
            .scheduleExpressionTimezone(schedule.timezone().id())
            .state(state(schedule))
            .flexibleTimeWindow(off())
            .actionAfterCompletion(ActionAfterCompletion.NONE)
            .target(target(schedule));
    if (!once) {
      schedule.window().startDate().ifPresent(b::startDate);
      schedule.window().endDate().ifPresent(b::endDate);
    }
    return b.build();
  }

  private Target target(Schedule schedule) {
    return Target.builder()
        .arn(handlerArn)
        .roleArn(roleArn)
        .input(input(schedule.scheduleId()))
        .build();
  }

  private static ScheduleState state(Schedule schedule) {
    return schedule.enabled() ? ScheduleState.ENABLED : ScheduleState.DISABLED;
  }

  private static FlexibleTimeWindow off() {
    return FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
  }
}
