package dev.mljobs.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.aws.sqs.QueueSpec.Redrive;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueuesTest {

  @Test
  void the_jobs_queue_redrives_to_its_dlq_after_five_receives() {
    Map<QueueAttributeName, String> attributes =
        Queues.JOBS.attributes("arn:aws:sqs:us-east-1:000000000000:mljobs-jobs-dlq");

    assertThat(attributes)
        .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60")
        .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "345600")
        .containsEntry(
            QueueAttributeName.REDRIVE_POLICY,
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:mljobs-jobs-dlq\","
                + "\"maxReceiveCount\":5}");
  }

  @Test
  void the_dlq_keeps_messages_fourteen_days_and_has_no_redrive_of_its_own() {
    assertThat(Queues.JOBS_DLQ.attributes(null))
        .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")
        .doesNotContainKey(QueueAttributeName.REDRIVE_POLICY);
  }

  @Test
  void the_webhook_queue_redrives_to_its_own_dlq() {
    assertThat(Queues.WEBHOOKS.attributes("arn:aws:sqs:us-east-1:000000000000:mljobs-webhooks-dlq"))
        .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "180")
        .containsEntry(
            QueueAttributeName.REDRIVE_POLICY,
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:mljobs-webhooks-dlq\","
                + "\"maxReceiveCount\":5}");
    assertThat(QueueNames.withPrefix("t-").of(Queues.WEBHOOKS_DLQ)).isEqualTo("t-webhooks-dlq");
  }

  @Test
  void every_queue_comes_after_its_dead_letter_queue() {
    for (QueueSpec spec : Queues.ALL) {
      if (spec.redrive() != null) {
        assertThat(Queues.ALL.indexOf(spec.redrive().deadLetterQueue()))
            .isBetween(0, Queues.ALL.indexOf(spec) - 1);
      }
    }
  }

  @Test
  void a_queue_with_redrive_needs_the_dlq_arn() {
    assertThatThrownBy(() -> Queues.JOBS.attributes(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dead-letter queue ARN");
  }

  @Test
  void specs_outside_sqs_limits_are_refused() {
    Duration minute = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new QueueSpec("jobs.fifo", minute, minute, null))
        .hasMessageContaining("queue name");
    assertThatThrownBy(() -> new QueueSpec("q", Duration.ofHours(13), minute, null))
        .hasMessageContaining("visibility timeout");
    assertThatThrownBy(() -> new QueueSpec("q", minute, Duration.ofDays(15), null))
        .hasMessageContaining("retention");
    assertThatThrownBy(() -> new Redrive(Queues.JOBS_DLQ, 0)).hasMessageContaining("1 to 1000");
  }

  @Test
  void a_dlq_that_keeps_messages_for_less_time_than_its_source_is_refused() {
    QueueSpec shortDlq = new QueueSpec("dlq", Duration.ZERO, Duration.ofHours(1), null);
    assertThatThrownBy(
            () -> new QueueSpec("q", Duration.ZERO, Duration.ofDays(1), new Redrive(shortDlq, 3)))
        .hasMessageContaining("dead-letter queue must keep messages");
  }

  @Test
  void names_come_from_the_environment_or_the_prefix() {
    assertThat(QueueNames.fromEnv(Map.of()))
        .isEqualTo(
            new QueueNames(
                "mljobs-jobs", "mljobs-jobs-dlq", "mljobs-webhooks", "mljobs-webhooks-dlq"));
    assertThat(QueueNames.fromEnv(Map.of("QUEUE_PREFIX", "dev-", "JOBS_DLQ", "dead")))
        .isEqualTo(new QueueNames("dev-jobs", "dead", "dev-webhooks", "dev-webhooks-dlq"));
    assertThat(QueueNames.withPrefix("t-").of(Queues.JOBS_DLQ)).isEqualTo("t-jobs-dlq");
  }
}
