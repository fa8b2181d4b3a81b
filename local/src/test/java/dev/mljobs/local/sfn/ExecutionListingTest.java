package dev.mljobs.local.sfn;

import static dev.mljobs.local.sfn.Sfn.SAMPLE;
import static dev.mljobs.local.sfn.Sfn.awaitEnd;
import static dev.mljobs.local.sfn.Sfn.createMachine;
import static dev.mljobs.local.sfn.Sfn.oneTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

class ExecutionListingTest {
  private static LocalStepFunctions service;
  private static SfnClient client;
  private static String sample;

  @BeforeAll
  static void start() throws Exception {
    service = new LocalStepFunctions(0, new TestTasks());
    client = Sfn.client(service);
    sample = createMachine(client, "sample", SAMPLE);
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Test
  void executions_are_listed_newest_first_in_pages_and_filtered_by_status() {
    // given
    String machine = createMachine(client, "listed", oneTask("fail"));
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "e" + i;
      started.add(client.startExecution(r -> r.stateMachineArn(machine).name(name)).executionArn());
    }
    started.forEach(arn -> awaitEnd(client, arn));
    // when
    List<ListExecutionsResponse> pages =
        pages(
            token ->
                client.listExecutions(
                    r -> r.stateMachineArn(machine).maxResults(2).nextToken(token)),
            ListExecutionsResponse::nextToken);
    // then
    assertThat(pages).hasSize(3);
    assertThat(pages.stream().flatMap(page -> page.executions().stream()))
        .extracting(ExecutionListItem::name)
        .containsExactly("e4", "e3", "e2", "e1", "e0");
    assertThat(
            client
                .listExecutions(
                    r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.FAILED))
                .executions())
        .hasSize(5)
        .allSatisfy(item -> assertThat(item.stopDate()).isNotNull());
    assertThat(
            client
                .listExecutions(
                    r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions())
        .isEmpty();
  }

  @Test
  void history_is_paged_forwards_and_backwards_and_can_leave_out_execution_data() {
    // given
    String arn =
        client
            .startExecution(r -> r.stateMachineArn(sample).input("{\"secret\":1}"))
            .executionArn();
    awaitEnd(client, arn);
    // when
    List<GetExecutionHistoryResponse> forwards =
        pages(
            token ->
                client.getExecutionHistory(r -> r.executionArn(arn).maxResults(5).nextToken(token)),
            GetExecutionHistoryResponse::nextToken);
    List<GetExecutionHistoryResponse> backwards =
        pages(
            token ->
                client.getExecutionHistory(
                    r -> r.executionArn(arn).maxResults(5).reverseOrder(true).nextToken(token)),
            GetExecutionHistoryResponse::nextToken);
    GetExecutionHistoryResponse withoutData =
        client.getExecutionHistory(r -> r.executionArn(arn).includeExecutionData(false));
    // then
    assertThat(forwards).hasSize(3);
    assertThat(ids(forwards))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    assertThat(ids(backwards))
        .containsExactly(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    HistoryEvent started = withoutData.events().get(0);
    assertThat(started.executionStartedEventDetails().roleArn()).isEqualTo(Sfn.ROLE);
    assertThat(started.executionStartedEventDetails().input()).isNull();
    assertThat(withoutData.events().get(12).executionSucceededEventDetails().output()).isNull();
    assertThat(forwards.get(0).events().get(0).executionStartedEventDetails().input())
        .isEqualTo("{\"secret\":1}");
  }

  @Test
  void a_token_from_another_listing_is_refused() {
    // given
    createMachine(client, "another", SAMPLE);
    String machinesToken = client.listStateMachines(r -> r.maxResults(1)).nextToken();
    // when / then
    assertThat(machinesToken).isNotNull();
    assertThatThrownBy(
            () -> client.listExecutions(r -> r.stateMachineArn(sample).nextToken(machinesToken)))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(
            () -> client.listExecutions(r -> r.stateMachineArn(sample).nextToken("garbage!")))
        .isInstanceOf(InvalidTokenException.class);
  }

  private static <R> List<R> pages(Function<String, R> call, Function<R, String> nextToken) {
    List<R> pages = new ArrayList<>();
    String token = null;
    do {
      R page = call.apply(token);
      pages.add(page);
      token = nextToken.apply(page);
    } while (token != null);
    return pages;
  }

  private static List<Long> ids(List<GetExecutionHistoryResponse> pages) {
    return pages.stream().flatMap(page -> page.events().stream()).map(HistoryEvent::id).toList();
  }
}
