package dev.mljobs.local.sfn;

import dev.mljobs.local.asl.InvalidDefinitionException;
import dev.mljobs.local.asl.StateMachineDefinition;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The created state machines, kept in the {@link Store} as they change. */
final class StateMachines {
  private static final int MAX_DEFINITION = 1024 * 1024;

  private final Store store;
  private final Clock clock;
  private final Map<String, StateMachine> byArn = new HashMap<>(); // guarded by this
  private long nextSeq; // guarded by this

  StateMachines(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    for (StateMachine machine : store.loadStateMachines()) {
      byArn.put(machine.arn(), machine);
      nextSeq = Math.max(nextSeq, machine.seq() + 1);
    }
  }

  /**
   * Creates a state machine. As in AWS, creating one again with the same name, definition and type
   * answers the existing one (a different role is ignored).
   *
   * @throws ApiException InvalidName, InvalidArn (role), InvalidDefinition, ValidationException
   *     (type) or StateMachineAlreadyExists (same name, other definition or type)
   */
  synchronized StateMachine create(String name, String definition, String roleArn, String type) {
    Arns.checkName(name);
    Arns.checkRole(roleArn);
    if (!StateMachine.TYPES.contains(type)) {
      throw Request.violation(
          "type", type, "Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
    parse(definition);
    String arn = Arns.stateMachine(name);
    StateMachine existing = byArn.get(arn);
    if (existing != null) {
      if (existing.definition().equals(definition) && existing.type().equals(type)) {
        return existing;
      }
      throw new ApiException(
          "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    StateMachine machine =
        new StateMachine(
            arn, name, definition, roleArn, type, ApiJson.millis(clock.instant()), nextSeq++);
    store.save(machine);
    byArn.put(arn, machine);
    return machine;
  }

  /**
   * The state machine with this ARN.
   *
   * @throws ApiException InvalidArn or StateMachineDoesNotExist
   */
  synchronized StateMachine get(String arn) {
    Arns.checkStateMachine(arn);
    StateMachine machine = byArn.get(arn);
    if (machine == null) {
      throw ApiException.stateMachineDoesNotExist(arn);
    }
    return machine;
  }

  /** All state machines, oldest first. */
  synchronized List<StateMachine> list() {
    return byArn.values().stream().sorted(Comparator.comparingLong(StateMachine::seq)).toList();
  }

  /**
   * Changes the definition and/or role; running executions keep the definition they started with.
   *
   * @throws ApiException InvalidArn, StateMachineDoesNotExist, InvalidDefinition or
   *     MissingRequiredParameter (neither given)
   */
  synchronized StateMachine update(String arn, Optional<String> definition, Optional<String> role) {
    StateMachine machine = get(arn);
    if (definition.isEmpty() && role.isEmpty()) {
      throw new ApiException(
          "MissingRequiredParameter", "Either the definition or the roleArn must be specified");
    }
    role.ifPresent(Arns::checkRole);
    definition.ifPresent(StateMachines::parse);
    StateMachine updated = machine;
    updated = definition.map(updated::withDefinition).orElse(updated);
    updated = role.map(updated::withRoleArn).orElse(updated);
    store.save(updated);
    byArn.put(arn, updated);
    return updated;
  }

  /**
   * Forgets a state machine; deleting one that does not exist is not an error, as in AWS.
   *
   * @return the machine that was deleted, if there was one
   * @throws ApiException InvalidArn
   */
  synchronized Optional<StateMachine> delete(String arn) {
    Arns.checkStateMachine(arn);
    StateMachine machine = byArn.remove(arn);
    if (machine != null) {
      store.delete(machine);
    }
    return Optional.ofNullable(machine);
  }

  /**
   * Parses a definition as the interpreter will run it.
   *
   * @throws ApiException InvalidDefinition with the interpreter's message, or ValidationException
   *     when longer than AWS's 1 MiB
   */
  static StateMachineDefinition parse(String definition) {
    if (definition.length() > MAX_DEFINITION) {
      throw Request.violation(
          "definition", "(too long)", "Member must have length less than or equal to 1048576");
    }
    try {
      return StateMachineDefinition.parse(definition);
    } catch (InvalidDefinitionException e) {
      throw new ApiException(
          "InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
    }
  }
}
