package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;

/** The state machine operations: Create, Describe, List, Update and Delete. */
final class StateMachineApi {
  private final StateMachines machines;
  private final Executions executions;
  private final Clock clock;

  StateMachineApi(StateMachines machines, Executions executions, Clock clock) {
    this.machines = machines;
    this.executions = executions;
    this.clock = clock;
  }

  /** Adds this API's operations to {@code table}, by their X-Amz-Target names. */
  void addTo(Map<String, Operation> table) {
    table.put("CreateStateMachine", this::create);
    table.put("DescribeStateMachine", this::describe);
    table.put("ListStateMachines", this::list);
    table.put("UpdateStateMachine", this::update);
    table.put("DeleteStateMachine", this::delete);
  }

  private ObjectNode create(Request request) {
    // tags, logging and tracing configurations are accepted and ignored: nothing here uses them
    StateMachine machine =
        machines.create(
            request.string("name"),
            request.string("definition"),
            request.string("roleArn"),
            request.optionalString("type").orElse("STANDARD"));
    ObjectNode response = ApiJson.object();
    response.put("stateMachineArn", machine.arn());
    response.put("creationDate", ApiJson.seconds(machine.creationDate()));
    return response;
  }

  private ObjectNode describe(Request request) {
    StateMachine machine = machines.get(request.string("stateMachineArn"));
    ObjectNode response = ApiJson.object();
    response.put("stateMachineArn", machine.arn());
    response.put("name", machine.name());
    response.put("status", "ACTIVE");
    response.put("definition", machine.definition());
    response.put("roleArn", machine.roleArn());
    response.put("type", machine.type());
    response.put("creationDate", ApiJson.seconds(machine.creationDate()));
    response
        .putObject("loggingConfiguration")
        .put("level", "OFF")
        .put("includeExecutionData", false);
    response.putObject("tracingConfiguration").put("enabled", false);
    return response;
  }

  private ObjectNode list(Request request) {
    Page<StateMachine> page =
        Page.of(
            "stateMachines",
            machines.list(),
            StateMachine::seq,
            false,
            request.pageSize(),
            request.optionalString("nextToken"));
    ObjectNode response = ApiJson.object();
    ArrayNode items = response.putArray("stateMachines");
    for (StateMachine machine : page.items()) {
      items
          .addObject()
          .put("stateMachineArn", machine.arn())
          .put("name", machine.name())
          .put("type", machine.type())
          .put("creationDate", ApiJson.seconds(machine.creationDate()));
    }
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private ObjectNode update(Request request) {
    machines.update(
        request.string("stateMachineArn"),
        request.optionalString("definition"),
        request.optionalString("roleArn"));
    ObjectNode response = ApiJson.object();
    response.put("updateDate", ApiJson.seconds(clock.instant()));
    return response;
  }

  /** Unlike AWS, which lets them reach their next state first, running executions stop at once. */
  private ObjectNode delete(Request request) throws InterruptedException {
    String arn = Arns.checkStateMachine(request.string("stateMachineArn"));
    executions.forget(arn);
    machines.delete(arn);
    return ApiJson.object();
  }
}
