package dev.mljobs.local.runtime;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code scripts/invoke HANDLER EVENT.json}, as {@code sam local invoke -e}: starts an in-memory
 * local runtime of its own (ports of its own, so a running {@code scripts/run-local} is left
 * alone), invokes the handler once with the event, prints its answer on stdout and stops. What the
 * runtime and the handler log goes to stderr, so the answer can be piped into {@code jq}.
 */
public final class Invoke {

  private Invoke() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    if (args.length != 2) {
      System.err.println(
          "usage: scripts/invoke HANDLER EVENT.json  (e.g. api events/api-get-health.json)");
      System.exit(2);
      return;
    }
    byte[] event;
    try {
      event = Files.readAllBytes(Path.of(args[1]));
    } catch (NoSuchFileException e) {
      System.err.println("invoke: no such file " + args[1]);
      System.exit(2);
      return;
    }
    PrintStream answer = System.out;
    // the local event bus and the metrics print on stdout: keep it for the answer alone
    System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
    int status = 0;
    try (LocalRuntime runtime = LocalRuntime.start(Options.forTests())) {
      if (!runtime.handlerNames().contains(args[0])) {
        System.err.println(
            "invoke: no handler '"
                + args[0]
                + "'; one of "
                + String.join(", ", runtime.handlerNames()));
        status = 2;
      } else {
        answer.println(new String(runtime.invoke(args[0], event), StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      // as Lambda reports a function error: its type and message, no stack trace
      System.err.println("invoke: " + args[0] + " failed: " + e);
      status = 1;
    }
    answer.flush();
    System.exit(status);
  }
}
