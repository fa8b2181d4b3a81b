package dev.mljobs.aws.dynamodb;

import dev.mljobs.aws.dynamodb.TableSpec.Index;
import dev.mljobs.aws.dynamodb.TableSpec.Key;
import java.util.List;

/**
 * Every table of mljobs, defined once. The access patterns behind each key and index are written
 * down in docs/storage.md.
 */
public final class Tables {

  private Tables() {}

  /** Sort key of every jobs index: created_at (fixed width) + '#' + job_id, newest last. */
  public static final String CREATED_SK = "created_sk";

  public static final String BY_OWNER = "by_owner";
  public static final String BY_OWNER_STATUS = "by_owner_status";
  public static final String BY_OWNER_TYPE = "by_owner_type";
  public static final String BY_STATUS = "by_status";
  public static final String BY_GROUP = "by_group";
  public static final String BY_TEMPLATE = "by_template";
  public static final String BY_SCHEDULE = "by_schedule";

  /**
   * Only queued jobs (sparse: {@code queue_pk} is written only while queued), in dispatch order:
   * {@code queue_sk} = 10 - priority, then queued_at, then job_id. The position of a job is the
   * count of keys below its own. It holds the owner, queued_at and the dispatcher's {@code parked}
   * mark besides the keys, to choose which parked job runs next. Keys only otherwise, as {@link
   * #BY_STATUS} (which adds the owner, for the dispatcher's running counts): both are counted or
   * read by the system, never listed to a user, and every status change writes them.
   */
  public static final String BY_QUEUE = "by_queue";

  public static final TableSpec JOBS =
      new TableSpec(
          "jobs",
          Key.string("job_id"),
          null,
          List.of(
              index(BY_OWNER, "owner"),
              index(BY_OWNER_STATUS, "owner_status"),
              index(BY_OWNER_TYPE, "owner_type"),
              Index.keysOnly(BY_STATUS, Key.string("status"), Key.string(CREATED_SK), "owner"),
              index(BY_GROUP, "group_id"),
              index(BY_TEMPLATE, "template_id"),
              index(BY_SCHEDULE, "schedule_id"),
              Index.keysOnly(
                  BY_QUEUE,
                  Key.string("queue_pk"),
                  Key.string("queue_sk"),
                  "owner",
                  "queued_at",
                  "parked")),
          "expires_at");

  /**
   * Sort key of the runs' {@link #BY_OWNER} index: finished_at (fixed width) + '#' + run_id, newest
   * last. Written only for a run that has an owner, so the index is sparse.
   */
  public static final String RUN_SK = "run_sk";

  /**
   * Runs of jobs, one per attempt; {@link #BY_OWNER} lists an owner's runs across jobs newest first
   * (template, schedule, group and status filter it).
   */
  public static final TableSpec JOB_RUNS =
      new TableSpec(
          "job_runs",
          Key.string("job_id"),
          Key.number("attempt"),
          List.of(new Index(BY_OWNER, Key.string("owner"), Key.string(RUN_SK))),
          null);

  public static final TableSpec IDEMPOTENCY_KEYS =
      new TableSpec(
          "idempotency_keys",
          Key.string("owner"),
          Key.string("idempotency_key"),
          List.of(),
          "expires_at");

  /** Registered models, per owner; built-in models are not stored. */
  public static final TableSpec MODELS =
      new TableSpec("models", Key.string("owner"), Key.string("model_id"), List.of(), null);

  /** Each owner's webhook signing secrets (current and, after a rotation, the previous one). */
  public static final TableSpec WEBHOOK_SECRETS =
      new TableSpec("webhook_secrets", Key.string("owner"), null, List.of(), null);

  /**
   * Job templates, per owner; {@link #BY_OWNER} lists them newest first ({@link #CREATED_SK} =
   * created_at + '#' + template_id).
   */
  public static final TableSpec TEMPLATES =
      new TableSpec(
          "templates",
          Key.string("owner"),
          Key.string("template_id"),
          List.of(index(BY_OWNER, "owner")),
          null);

  /** Groups of jobs, their members in the item; listed per owner newest first. */
  public static final TableSpec GROUPS =
      new TableSpec(
          "groups", Key.string("group_id"), null, List.of(index(BY_OWNER, "owner")), null);

  public static final List<TableSpec> ALL =
      List.of(JOBS, JOB_RUNS, IDEMPOTENCY_KEYS, MODELS, WEBHOOK_SECRETS, TEMPLATES, GROUPS);

  private static Index index(String name, String partitionAttribute) {
    return new Index(name, Key.string(partitionAttribute), Key.string(CREATED_SK));
  }
}
