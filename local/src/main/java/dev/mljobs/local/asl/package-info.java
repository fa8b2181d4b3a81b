/**
 * An interpreter of the Amazon States Language (JSONPath mode) for the local Step Functions
 * emulator.
 *
 * <p>{@link dev.mljobs.local.asl.StateMachineDefinition#parse} checks a definition once; {@link
 * dev.mljobs.local.asl.AslInterpreter} runs executions of it, each on its own thread, sending Task
 * states to a {@link dev.mljobs.local.asl.TaskHandler} and waits to a {@link
 * dev.mljobs.local.asl.Sleeper}. An {@link dev.mljobs.local.asl.Execution} can be awaited or
 * stopped and keeps a history of {@link dev.mljobs.local.asl.HistoryEvent}s named as in
 * GetExecutionHistory.
 *
 * <p>Inside, a definition becomes records (one per state type, see {@code StateParser}) that check
 * themselves; {@code GraphRunner} walks them, {@code Recovery} applies Retry and Catch, and {@code
 * Fork} runs Parallel branches and Map iterations on threads that a stop interrupts.
 */
package dev.mljobs.local.asl;
