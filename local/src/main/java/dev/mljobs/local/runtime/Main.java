package dev.mljobs.local.runtime;

import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/run-local}: starts the local runtime, prints where it answers and how to call it,
 * and runs until Ctrl-C or SIGTERM, then stops everything cleanly.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    // Answer each request in one packet: without it the JDK HTTP server and the SDK's client
    // wait out a delayed ACK on every call (about 40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("run-local: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.apiKeyGenerated() && options.dataDir() != null) {
      options = options.withApiKey(Secrets.apiKey(options.dataDir(), options.apiKey()));
    }
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.start(options);
    } catch (java.net.BindException e) {
      System.err.println(
          "run-local: port " + options.port() + " is in use; choose another with --port N");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("mljobs: stopping");
                  runtime.close();
                  stopped.countDown();
                }));
    System.out.println(Banner.of(runtime));
    stopped.await();
  }
}
