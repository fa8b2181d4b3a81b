package dev.mljobs.local.sfn;

import static dev.mljobs.local.sfn.Sfn.SAMPLE;
import static dev.mljobs.local.sfn.Sfn.awaitEnd;
import static dev.mljobs.local.sfn.Sfn.createMachine;
import static dev.mljobs.local.sfn.Sfn.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** Ended executions are kept only as long as the retention says, in memory and on disk. */
class RetentionTest {

  @TempDir Path dataDirectory;

  @Test
  void only_the_newest_ended_executions_are_kept_and_a_restart_finds_the_same() throws Exception {
    List<String> arns = new ArrayList<>();
    try (LocalStepFunctions service =
            new LocalStepFunctions(
                0,
                new TestTasks(),
                dataDirectory,
                new Executions.Retention(Duration.ofDays(1), 3));
        SfnClient client = Sfn.client(service)) {
      String sample = createMachine(client, "sample", SAMPLE);
      for (int i = 0; i < 5; i++) {
        String arn =
            client.startExecution(r -> r.stateMachineArn(sample).input("{}")).executionArn();
        awaitEnd(client, arn);
        arns.add(arn);
      }
      assertThat(names(client, sample)).containsExactlyElementsOf(newestFirst(arns.subList(2, 5)));
      assertThatThrownBy(() -> client.describeExecution(r -> r.executionArn(arns.get(0))))
          .isInstanceOf(ExecutionDoesNotExistException.class);
    }
    try (LocalStepFunctions restarted =
            new LocalStepFunctions(
                0,
                new TestTasks(),
                dataDirectory,
                new Executions.Retention(Duration.ofDays(1), 3));
        SfnClient client = Sfn.client(restarted)) {
      String sample = client.listStateMachines().stateMachines().get(0).stateMachineArn();
      assertThat(names(client, sample)).containsExactlyElementsOf(newestFirst(arns.subList(2, 5)));
    }
  }

  @Test
  void ended_executions_older_than_the_retention_are_forgotten() throws Exception {
    try (LocalStepFunctions service =
            new LocalStepFunctions(
                0,
                new TestTasks(),
                dataDirectory,
                new Executions.Retention(Duration.ofMillis(300), 100));
        SfnClient client = Sfn.client(service)) {
      String sample = createMachine(client, "sample", SAMPLE);
      String old = client.startExecution(r -> r.stateMachineArn(sample).input("{}")).executionArn();
      awaitEnd(client, old);
      Thread.sleep(400);
      // when: another execution ends, and with it the old one's time is up
      String recent =
          client.startExecution(r -> r.stateMachineArn(sample).input("{}")).executionArn();
      awaitEnd(client, recent);
      // then
      eventually(() -> names(client, sample).equals(List.of(name(recent))));
    }
  }

  private static List<String> names(SfnClient client, String machine) {
    return client.listExecutions(r -> r.stateMachineArn(machine)).executions().stream()
        .map(ExecutionListItem::name)
        .toList();
  }

  private static List<String> newestFirst(List<String> arns) {
    List<String> names = new ArrayList<>(arns.stream().map(RetentionTest::name).toList());
    java.util.Collections.reverse(names);
    return names;
  }

  private static String name(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }
}
