package dev.mljobs.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.StatesError;
import dev.mljobs.local.asl.TaskContext;
import dev.mljobs.local.asl.TaskRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code arn:aws:states:::batch:submitJob.sync} as a local process: the job definition's command
 * with its environment plus the submitted overrides. The task waits for the process; exit code 0
 * succeeds, anything else fails with {@code States.TaskFailed} and the job description (with the
 * last line of stderr as the reason) as the cause. Stopping the execution, a task timeout or the
 * job's own attempt timeout kill the process and its children.
 *
 * <p>Stopping follows AWS: when an execution with a running {@code .sync} Batch task is stopped,
 * Step Functions calls {@code TerminateJob}, which stops a {@code STARTING} or {@code RUNNING} job
 * too ({@code CancelJob} would leave it running). So here a stopped execution kills the job's
 * process whatever it is doing, and the stack grants the state machine {@code batch:TerminateJob}.
 */
final class BatchTasks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MILLIS = 100;

  private final Map<String, BatchJobDefinition> definitions = new ConcurrentHashMap<>();
  private final Path logDir;

  BatchTasks(List<BatchJobDefinition> definitions, Path logDir) {
    definitions.forEach(d -> this.definitions.put(d.name(), d));
    this.logDir = logDir;
  }

  JsonNode submitSync(TaskRequest request, TaskContext context) throws InterruptedException {
    JsonNode p = request.input();
    String jobName = p.path("JobName").asText("job");
    String definitionRef = p.path("JobDefinition").asText("");
    BatchJobDefinition definition = definitions.get(BatchJobDefinition.nameOf(definitionRef));
    if (definition == null) {
      throw new StatesError("Batch.ClientException", "Job definition not found: " + definitionRef);
    }
    String jobId = UUID.randomUUID().toString();
    List<String> command = command(definition, p);
    ObjectNode description = JSON.createObjectNode();
    description.put("JobId", jobId).put("JobName", jobName);
    description
        .put("JobQueue", p.path("JobQueue").asText("local"))
        .put("JobDefinition", definitionRef);
    description.put("CreatedAt", Instant.now().toEpochMilli());
    Process process = start(definition, p, command, jobId, jobName);
    description.put("StartedAt", Instant.now().toEpochMilli());
    long timeoutSeconds = p.path("Timeout").path("AttemptDurationSeconds").asLong(0);
    long deadline =
        timeoutSeconds > 0
            ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
            : Long.MAX_VALUE;
    String reason = null;
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (context.isCancelled()) {
          throw new InterruptedException("task cancelled");
        }
        if (System.nanoTime() > deadline) {
          kill(process);
          reason = "Job attempt duration exceeded timeout";
          break;
        }
      }
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
    int exit = process.exitValue();
    description.put("StoppedAt", Instant.now().toEpochMilli());
    ObjectNode container = description.putObject("Container");
    container.put("ExitCode", exit).put("LogStreamName", log(jobId, "out").toString());
    command.forEach(container.withArray("Command")::add);
    if (exit == 0 && reason == null) {
      description
          .put("Status", "SUCCEEDED")
          .put("StatusReason", "Essential container in task exited");
      return description;
    }
    String stderr = lastLine(log(jobId, "err"));
    container.put("Reason", reason != null ? reason : stderr);
    description
        .put("Status", "FAILED")
        .put("StatusReason", reason != null ? reason : "Essential container in task exited");
    throw new StatesError("States.TaskFailed", description.toString());
  }

  private Process start(
      BatchJobDefinition definition,
      JsonNode p,
      List<String> command,
      String jobId,
      String jobName) {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.putAll(definition.environment());
    for (JsonNode e : p.path("ContainerOverrides").path("Environment")) {
      env.put(e.path("Name").asText(), e.path("Value").asText());
    }
    env.put("AWS_BATCH_JOB_ID", jobId);
    env.put("AWS_BATCH_JOB_ATTEMPT", "1");
    env.put("AWS_BATCH_JQ_NAME", p.path("JobQueue").asText("local"));
    try {
      Files.createDirectories(logDir);
      builder.redirectOutput(log(jobId, "out").toFile()).redirectError(log(jobId, "err").toFile());
      return builder.start();
    } catch (IOException e) {
      throw new StatesError(
          "States.TaskFailed", "job " + jobName + " could not start: " + e.getMessage());
    }
  }

  /** The command with Batch's {@code Ref::name} parameter substitution. */
  private static List<String> command(BatchJobDefinition definition, JsonNode p) {
    JsonNode override = p.path("ContainerOverrides").path("Command");
    List<String> command = new ArrayList<>();
    if (override.isArray() && !override.isEmpty()) {
      override.forEach(c -> command.add(c.asText()));
    } else {
      command.addAll(definition.command());
    }
    JsonNode parameters = p.path("Parameters");
    command.replaceAll(
        arg ->
            arg.startsWith("Ref::") && parameters.has(arg.substring(5))
                ? parameters.get(arg.substring(5)).asText()
                : arg);
    return command;
  }

  private Path log(String jobId, String stream) {
    return logDir.resolve(jobId + "." + stream + ".log");
  }

  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException unreadable) {
      // fall through: no reason to give
    }
    return "exited without a message";
  }

  /** Ends the process and everything it started, gently first. */
  static void kill(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }
}
