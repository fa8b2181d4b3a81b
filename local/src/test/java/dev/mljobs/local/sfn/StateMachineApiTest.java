package dev.mljobs.local.sfn;

import static dev.mljobs.local.sfn.Sfn.ROLE;
import static dev.mljobs.local.sfn.Sfn.SAMPLE;
import static dev.mljobs.local.sfn.Sfn.createMachine;
import static dev.mljobs.local.sfn.Sfn.eventually;
import static dev.mljobs.local.sfn.Sfn.oneTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

class StateMachineApiTest {
  private static final TestTasks TASKS = new TestTasks();
  private static LocalStepFunctions service;
  private static SfnClient client;

  @BeforeAll
  static void start() throws Exception {
    service = new LocalStepFunctions(0, TASKS);
    client = Sfn.client(service);
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Test
  void a_created_state_machine_is_described_listed_updated_and_deleted() {
    // given
    Instant before = Instant.now().minusMillis(1);
    // when
    String arn = createMachine(client, "lifecycle", SAMPLE);
    DescribeStateMachineResponse described =
        client.describeStateMachine(r -> r.stateMachineArn(arn));
    // then
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle");
    assertThat(described.name()).isEqualTo("lifecycle");
    assertThat(described.definition()).isEqualTo(SAMPLE);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
    assertThat(described.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(client.listStateMachines(r -> {}).stateMachines())
        .extracting(StateMachineListItem::stateMachineArn)
        .contains(arn);

    // when
    String otherRole = "arn:aws:iam::123456789012:role/other";
    String definition = oneTask("echo");
    client.updateStateMachine(
        r -> r.stateMachineArn(arn).definition(definition).roleArn(otherRole));
    // then
    DescribeStateMachineResponse updated = client.describeStateMachine(r -> r.stateMachineArn(arn));
    assertThat(updated.definition()).isEqualTo(definition);
    assertThat(updated.roleArn()).isEqualTo(otherRole);
    assertThat(updated.creationDate()).isEqualTo(described.creationDate());

    // when
    client.deleteStateMachine(r -> r.stateMachineArn(arn));
    // then
    assertThatThrownBy(() -> client.describeStateMachine(r -> r.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageContaining(arn);
    assertThat(client.listStateMachines(r -> {}).stateMachines())
        .extracting(StateMachineListItem::stateMachineArn)
        .doesNotContain(arn);
  }

  @Test
  void an_invalid_definition_is_rejected_with_the_interpreters_message() {
    // given
    String definition =
        """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""";
    // when / then
    assertThatThrownBy(() -> createMachine(client, "invalid", definition))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("State 'A'")
        .hasMessageContaining("Nowhere");
    assertThatThrownBy(() -> createMachine(client, "not-json", "{"))
        .isInstanceOf(InvalidDefinitionException.class);
  }

  @Test
  void creating_the_same_state_machine_again_answers_it_but_another_definition_is_refused() {
    // given
    String arn = createMachine(client, "twice", SAMPLE);
    // when
    String again = createMachine(client, "twice", SAMPLE);
    // then
    assertThat(again).isEqualTo(arn);
    assertThatThrownBy(() -> createMachine(client, "twice", oneTask("echo")))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageContaining(arn);
  }

  @Test
  void malformed_names_and_arns_are_rejected() {
    assertThatThrownBy(() -> createMachine(client, "has space", SAMPLE))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> createMachine(client, "a".repeat(81), SAMPLE))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                client.createStateMachine(
                    r -> r.name("bad-role").definition(SAMPLE).roleArn("not-a-role")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> client.describeStateMachine(r -> r.stateMachineArn("nope")))
        .isInstanceOf(InvalidArnException.class);
  }

  @Test
  void state_machines_are_listed_in_pages_in_creation_order() {
    // given
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(createMachine(client, "paged-" + i, SAMPLE));
    }
    // when
    List<String> listed = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListStateMachinesResponse page =
          client.listStateMachines(r -> r.maxResults(2).nextToken(next));
      assertThat(page.stateMachines()).hasSizeLessThanOrEqualTo(2);
      page.stateMachines().forEach(item -> listed.add(item.stateMachineArn()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    // then
    assertThat(listed.stream().filter(created::contains).toList()).isEqualTo(created);
    assertThat(listed).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void deleting_a_state_machine_stops_and_forgets_its_executions() {
    // given
    String machine = createMachine(client, "deleted-while-running", oneTask("block"));
    String execution =
        client.startExecution(r -> r.stateMachineArn(machine).name("victim")).executionArn();
    eventually(() -> TASKS.hasStarted(execution));
    // when
    client.deleteStateMachine(r -> r.stateMachineArn(machine));
    // then
    eventually(() -> TASKS.wasInterrupted(execution));
    assertThatThrownBy(() -> client.describeExecution(r -> r.executionArn(execution)))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void an_unknown_operation_is_answered_with_unknown_operation_exception() throws Exception {
    // given
    HttpRequest request =
        HttpRequest.newBuilder(service.endpoint().resolve(URI.create("/")))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "AWSStepFunctions.FlyToTheMoon")
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    // when
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/x-amz-json-1.0");
    assertThat(response.body())
        .contains("\"__type\":\"UnknownOperationException\"")
        .contains("FlyToTheMoon");
  }
}
