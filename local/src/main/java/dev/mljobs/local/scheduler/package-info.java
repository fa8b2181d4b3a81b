/**
 * The local EventBridge Scheduler: the Scheduler API (restJson1) for the real {@code
 * SchedulerClient} with an endpoint override, and the engine that fires the schedules.
 *
 * <p>{@link dev.mljobs.local.scheduler.LocalScheduler} starts it; {@link
 * dev.mljobs.local.scheduler.ScheduleTargets} is where fires go ({@link
 * dev.mljobs.local.scheduler.SqsScheduleTargets} for queues, {@link
 * dev.mljobs.local.scheduler.LocalLambdaFunctions} for in-process functions, routed by {@link
 * dev.mljobs.local.scheduler.ScheduleTargets#byService}); {@link
 * dev.mljobs.local.scheduler.FireTimer} and a {@link java.time.Clock} are the time seam.
 *
 * <p>Fire times are core's ({@code dev.mljobs.core.schedule}): the same parser and the same
 * daylight-saving rules as the API's validation, so a schedule behaves here as in AWS.
 *
 * <p>Where the emulator differs from AWS, on purpose:
 *
 * <ul>
 *   <li>It fires at the exact fire time: AWS fires within the minute, and within the flexible time
 *       window if there is one; the window is accepted and returned, not used.
 *   <li>It keeps schedules in {@code scheduler.json} of the data directory, if one is given. After
 *       a restart recurring schedules continue from now: fires missed while it was down are not
 *       replayed. A one-time schedule that came due meanwhile fires once at start, or goes to its
 *       dead-letter queue if older than its maximum event age. Retries under way are not kept.
 *   <li>A one-time schedule whose time has already passed when it is created or updated never
 *       fires.
 *   <li>Failed deliveries are retried after 1, 2, 4, ... seconds, bounded (one minute by default)
 *       rather than AWS's undisclosed backoff, within the retry policy's attempts and event age.
 *       The dead-letter message has the input as body and AWS's attributes ({@code ERROR_CODE},
 *       {@code ERROR_MESSAGE}, {@code EXHAUSTED_RETRY_CONDITION}, {@code RETRY_ATTEMPTS}, {@code
 *       SCHEDULE_ARN}, {@code TARGET_ARN}).
 *   <li>Only the Arn, RoleArn (checked for form), Input, RetryPolicy, DeadLetterConfig and
 *       SqsParameters of a target are kept; ECS, Kinesis, EventBridge and SageMaker parameters,
 *       KmsKeyArn and tags are ignored. There are no TagResource operations.
 *   <li>Deleting a group deletes its schedules at once; AWS shows the group as {@code DELETING}
 *       meanwhile.
 * </ul>
 */
package dev.mljobs.local.scheduler;
