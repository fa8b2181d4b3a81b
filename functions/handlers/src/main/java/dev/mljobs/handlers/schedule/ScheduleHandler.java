package dev.mljobs.handlers.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.ScheduleFirings;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The target of every EventBridge Scheduler schedule of ours: {@code {schedule_id, scheduled_time}}
 * in, the schedule's job for that fire time made (once, however often the Scheduler delivers it). A
 * firing that can never succeed (malformed input, the template gone or archived) is answered, not
 * thrown, so the Scheduler does not retry it; anything else is thrown and retried.
 */
public final class ScheduleHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScheduleFirings firings;

  /** Wires itself from the environment, once per cold start. */
  public ScheduleHandler() {
    this(new Wiring(System.getenv()));
  }

  public ScheduleHandler(Wiring wiring) {
    this(new Services(wiring).scheduleFirings(new Services(wiring).jobService()));
  }

  public ScheduleHandler(ScheduleFirings firings) {
    this.firings = firings;
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    ObjectNode answer = JSON.createObjectNode();
    try {
      JsonNode event = JSON.readTree(in);
      String scheduleId = event.path("schedule_id").asText(null);
      Instant scheduledTime = Instant.parse(event.path("scheduled_time").asText(""));
      if (scheduleId == null) {
        throw new IllegalArgumentException("schedule_id is missing");
      }
      Optional<Firing> firing = firings.fire(scheduleId, scheduledTime);
      answer.put("schedule_id", scheduleId);
      answer.put("scheduled_time", scheduledTime.toString());
      if (firing.isPresent()) {
        answer.put("job_id", String.valueOf(firing.get().jobId()));
      } else {
        answer.put("ignored", "the schedule is deleted or disabled");
      }
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      answer.put("error", "the event must be {\"schedule_id\": ..., \"scheduled_time\": ...}");
      context.getLogger().log("schedule event refused: " + e.getMessage());
    } catch (TemplateNotFoundException | ArchivedTemplateException | InvalidRequestException e) {
      answer.put("error", "the schedule's template cannot make a job now");
      context.getLogger().log("schedule firing refused: " + e);
    }
    out.write(JSON.writeValueAsBytes(answer));
  }
}
