package dev.mljobs.aws.dynamodb;

import java.util.Map;

/**
 * Physical table names. In AWS the stack hands them to each function as environment variables;
 * locally and in tests they are the logical names behind a prefix.
 */
public record TableNames(
    String jobs,
    String jobRuns,
    String idempotencyKeys,
    String models,
    String webhookSecrets,
    String templates,
    String groups,
    String triggers,
    String triggerJobs,
    String schedules,
    String scheduleFirings) {

  public static TableNames withPrefix(String prefix) {
    return new TableNames(
        prefix + Tables.JOBS.name(),
        prefix + Tables.JOB_RUNS.name(),
        prefix + Tables.IDEMPOTENCY_KEYS.name(),
        prefix + Tables.MODELS.name(),
        prefix + Tables.WEBHOOK_SECRETS.name(),
        prefix + Tables.TEMPLATES.name(),
        prefix + Tables.GROUPS.name(),
        prefix + Tables.TRIGGERS.name(),
        prefix + Tables.TRIGGER_JOBS.name(),
        prefix + Tables.SCHEDULES.name(),
        prefix + Tables.SCHEDULE_FIRINGS.name());
  }

  /**
   * Reads {@code JOBS_TABLE}, {@code JOB_RUNS_TABLE}, {@code IDEMPOTENCY_TABLE}, {@code
   * MODELS_TABLE}, {@code WEBHOOK_SECRETS_TABLE}, {@code TEMPLATES_TABLE}, {@code GROUPS_TABLE},
   * {@code TRIGGERS_TABLE}, {@code TRIGGER_JOBS_TABLE}, {@code SCHEDULES_TABLE} and {@code
   * SCHEDULE_FIRINGS_TABLE}, falling back to {@code TABLE_PREFIX} + the logical name (prefix {@code
   * mljobs-} when unset).
   */
  public static TableNames fromEnv(Map<String, String> env) {
    TableNames defaults = withPrefix(env.getOrDefault("TABLE_PREFIX", "mljobs-"));
    return new TableNames(
        env.getOrDefault(variable(Tables.JOBS), defaults.jobs()),
        env.getOrDefault(variable(Tables.JOB_RUNS), defaults.jobRuns()),
        env.getOrDefault(variable(Tables.IDEMPOTENCY_KEYS), defaults.idempotencyKeys()),
        env.getOrDefault(variable(Tables.MODELS), defaults.models()),
        env.getOrDefault(variable(Tables.WEBHOOK_SECRETS), defaults.webhookSecrets()),
        env.getOrDefault(variable(Tables.TEMPLATES), defaults.templates()),
        env.getOrDefault(variable(Tables.GROUPS), defaults.groups()),
        env.getOrDefault(variable(Tables.TRIGGERS), defaults.triggers()),
        env.getOrDefault(variable(Tables.TRIGGER_JOBS), defaults.triggerJobs()),
        env.getOrDefault(variable(Tables.SCHEDULES), defaults.schedules()),
        env.getOrDefault(variable(Tables.SCHEDULE_FIRINGS), defaults.scheduleFirings()));
  }

  /**
   * The environment variable that names {@code spec}'s physical table (set by the CDK stack).
   *
   * @throws IllegalArgumentException if {@code spec} is not one of {@link Tables#ALL}
   */
  public static String variable(TableSpec spec) {
    if (spec == Tables.JOBS) {
      return "JOBS_TABLE";
    }
    if (spec == Tables.JOB_RUNS) {
      return "JOB_RUNS_TABLE";
    }
    if (spec == Tables.IDEMPOTENCY_KEYS) {
      return "IDEMPOTENCY_TABLE";
    }
    if (spec == Tables.MODELS) {
      return "MODELS_TABLE";
    }
    if (spec == Tables.WEBHOOK_SECRETS) {
      return "WEBHOOK_SECRETS_TABLE";
    }
    if (spec == Tables.TEMPLATES) {
      return "TEMPLATES_TABLE";
    }
    if (spec == Tables.GROUPS) {
      return "GROUPS_TABLE";
    }
    if (spec == Tables.TRIGGERS) {
      return "TRIGGERS_TABLE";
    }
    if (spec == Tables.TRIGGER_JOBS) {
      return "TRIGGER_JOBS_TABLE";
    }
    if (spec == Tables.SCHEDULES) {
      return "SCHEDULES_TABLE";
    }
    if (spec == Tables.SCHEDULE_FIRINGS) {
      return "SCHEDULE_FIRINGS_TABLE";
    }
    throw new IllegalArgumentException("unknown table " + spec.name());
  }

  /** The physical name of {@code spec}. */
  public String of(TableSpec spec) {
    if (spec == Tables.JOBS) {
      return jobs;
    }
    if (spec == Tables.JOB_RUNS) {
      return jobRuns;
    }
    if (spec == Tables.IDEMPOTENCY_KEYS) {
      return idempotencyKeys;
    }
    if (spec == Tables.MODELS) {
      return models;
    }
    if (spec == Tables.WEBHOOK_SECRETS) {
      return webhookSecrets;
    }
    if (spec == Tables.TEMPLATES) {
      return templates;
    }
    if (spec == Tables.GROUPS) {
      return groups;
    }
    if (spec == Tables.TRIGGERS) {
      return triggers;
    }
    if (spec == Tables.TRIGGER_JOBS) {
      return triggerJobs;
    }
    if (spec == Tables.SCHEDULES) {
      return schedules;
    }
    if (spec == Tables.SCHEDULE_FIRINGS) {
      return scheduleFirings;
    }
    throw new IllegalArgumentException("unknown table " + spec.name());
  }
}
