/**
 * EventBridge Scheduler schedule expressions as value objects: {@link
 * dev.mljobs.core.schedule.ScheduleExpression#parse} validates {@code cron(...)}, {@code rate(...)}
 * and {@code at(...)} as AWS does, and {@code nextFireAfter} / {@code nextFires} evaluate them in a
 * {@link dev.mljobs.core.schedule.ScheduleTimeZone} within a {@link
 * dev.mljobs.core.schedule.ScheduleWindow}. The local scheduler emulator and the API's validation
 * share these, so a schedule that runs locally is one AWS accepts and fires at the same instants.
 *
 * <p>Daylight saving follows AWS's documented rules
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, section "Daylight
 * savings time on EventBridge Scheduler";
 * https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst): cron times in a
 * spring-forward gap are skipped, cron times in a fall-back overlap fire once, and rates are fixed
 * durations (a day is 24 hours).
 */
package dev.mljobs.core.schedule;
