package dev.mljobs.local.aws;

import java.util.logging.Logger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Keeps the servers' expected chatter out of the log. */
final class QuietLogs {

  // JUL holds loggers weakly: keep the one whose level is set, as DynamoDB Local's ServerRunner
  // does for sqlite4java.
  private static final Logger SQLITE = Logger.getLogger("com.almworks.sqlite4java");

  private QuietLogs() {}

  /**
   * DynamoDB Local logs every refused request at WARN with a stack trace, though a failed condition
   * (optimistic locking) or an existing table (provisioning) is an expected answer; only its errors
   * are worth showing.
   *
   * <p>Call it before starting servers on other threads: while log4j initialises, a level set from
   * one thread can be lost when another thread's initialisation loads the configuration file.
   */
  static void apply() {
    // SLF4J initialises on first use: when that is on several server threads at once, loggers
    // asked for meanwhile are substitutes and SLF4J prints a warning about them.
    org.slf4j.LoggerFactory.getILoggerFactory();
    Configurator.setLevel("software.amazon.dynamodb", Level.ERROR);
    Configurator.setLevel("com.amazonaws.services.dynamodbv2.local", Level.ERROR);
    SQLITE.setLevel(java.util.logging.Level.OFF);
  }
}
