package dev.mljobs.local.runtime;

import dev.mljobs.aws.s3.OwnerSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the local runtime is started: {@code --port N} (default 8080), {@code --data-dir DIR}
 * (default {@code ./.mljobs}, or {@code MLJOBS_DATA_DIR}), {@code --in-memory}; the API key comes
 * from {@code MLJOBS_API_KEY} and is generated when unset.
 *
 * @param dataDir where everything is kept, or {@code null} with {@code inMemory}
 * @param apiKeyGenerated whether the key was made up at startup (and so must be printed)
 * @param handlerSettings settings passed to the handlers as they are ({@link #HANDLER_SETTINGS})
 */
public record Options(
    int port,
    Path dataDir,
    boolean inMemory,
    String apiKey,
    boolean apiKeyGenerated,
    int maxRunning,
    int maxRunningPerOwner,
    Map<String, String> moreKeys,
    Map<String, String> handlerSettings) {

  /**
   * Environment variables the runtime hands to the handlers unchanged: owner grants and the upload
   * limit, the webhook allow-list and the retry schedule (a short one makes tests fast).
   */
  public static final java.util.List<String> HANDLER_SETTINGS =
      java.util.List.of(
          OwnerSettings.OWNER_PREFIXES,
          OwnerSettings.MAX_UPLOAD_BYTES,
          "MLJOBS_CALLBACK_ALLOW",
          "MLJOBS_WEBHOOK_RETRY_BASE_SECONDS",
          "MLJOBS_WEBHOOK_GIVE_UP_SECONDS");

  public static final String USAGE =
      "usage: run-local [--port N] [--data-dir DIR | --in-memory]\n"
          + "  --port N        HTTP port of the API on 127.0.0.1 (default 8080, 0 for any free port)\n"
          + "  --data-dir DIR  where jobs, queues, schedules and objects are kept (default ./.mljobs,\n"
          + "                  or MLJOBS_DATA_DIR)\n"
          + "  --in-memory     keep nothing: everything is gone when the runtime stops\n"
          + "  MLJOBS_API_KEY  the API key clients must send as 'Authorization: Bearer <key>'\n"
          + "                  (generated and printed when unset)\n"
          + "  MLJOBS_API_KEYS more owners, as owner=key,owner=key (the main key's owner is 'local')\n"
          + "  MLJOBS_MAX_RUNNING, MLJOBS_MAX_RUNNING_PER_OWNER\n"
          + "                  how many jobs may run at once, in all (default 1000) and per owner (100)\n"
          + "  MLJOBS_OWNER_PREFIXES  S3 prefixes granted to owners besides their own areas,\n"
          + "                  as owner=s3://bucket/prefix/;owner=s3://bucket/prefix/\n"
          + "  MLJOBS_MAX_UPLOAD_BYTES  the largest file POST /v1/uploads accepts (default 52428800)\n"
          + "  MLJOBS_CALLBACK_ALLOW  hosts or CIDRs webhooks may call although they are private or\n"
          + "                  loopback, e.g. 127.0.0.1 for a receiver on this machine (none by default)\n"
          + "  MLJOBS_WEBHOOK_RETRY_BASE_SECONDS, MLJOBS_WEBHOOK_GIVE_UP_SECONDS\n"
          + "                  first retry delay of a failed webhook (5, doubling to 900) and when to\n"
          + "                  stop (86400)";

  public Options {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (inMemory == (dataDir != null)) {
      throw new IllegalArgumentException("either a data directory or --in-memory, not both");
    }
    if (apiKey == null || apiKey.length() < 16) {
      throw new IllegalArgumentException("MLJOBS_API_KEY must be at least 16 characters");
    }
    moreKeys = Map.copyOf(moreKeys);
    handlerSettings = Map.copyOf(handlerSettings);
    for (String name : handlerSettings.keySet()) {
      if (!HANDLER_SETTINGS.contains(name)) {
        throw new IllegalArgumentException("not a handler setting: " + name);
      }
    }
    for (Map.Entry<String, String> e : moreKeys.entrySet()) {
      if (e.getKey().length() < 16 || e.getKey().equals(apiKey)) {
        throw new IllegalArgumentException(
            "MLJOBS_API_KEYS: the key of "
                + e.getValue()
                + " must be at least 16 characters and unique");
      }
    }
    if (maxRunning < 1 || maxRunningPerOwner < 1) {
      throw new IllegalArgumentException(
          "MLJOBS_MAX_RUNNING and MLJOBS_MAX_RUNNING_PER_OWNER must be at least 1");
    }
    // refused at startup, not at the first request: the handlers read the same settings
    OwnerSettings.spaces(handlerSettings);
    OwnerSettings.maxUploadBytes(handlerSettings);
  }

  /**
   * Reads the command line and environment.
   *
   * @throws IllegalArgumentException with a message for the user when an option is wrong
   */
  public static Options parse(String[] args, Map<String, String> env) {
    int port = 8080;
    Path dataDir = null;
    boolean inMemory = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = number(value(args, ++i, "--port"), "--port");
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--in-memory" -> inMemory = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (inMemory && dataDir != null) {
      throw new IllegalArgumentException("--data-dir and --in-memory exclude each other");
    }
    if (!inMemory && dataDir == null) {
      dataDir = Path.of(env.getOrDefault("MLJOBS_DATA_DIR", ".mljobs"));
    }
    String key = env.get("MLJOBS_API_KEY");
    boolean generated = key == null || key.isBlank();
    return new Options(
        port,
        dataDir,
        inMemory,
        generated ? newKey() : key,
        generated,
        number(env.getOrDefault("MLJOBS_MAX_RUNNING", "1000"), "MLJOBS_MAX_RUNNING"),
        number(
            env.getOrDefault("MLJOBS_MAX_RUNNING_PER_OWNER", "100"),
            "MLJOBS_MAX_RUNNING_PER_OWNER"),
        keys(env.getOrDefault("MLJOBS_API_KEYS", "")),
        settings(env));
  }

  private static Map<String, String> settings(Map<String, String> env) {
    Map<String, String> settings = new java.util.HashMap<>();
    for (String name : HANDLER_SETTINGS) {
      if (env.get(name) != null && !env.get(name).isBlank()) {
        settings.put(name, env.get(name));
      }
    }
    return settings;
  }

  /** {@code owner=key,owner=key} as a map from key to owner. */
  private static Map<String, String> keys(String text) {
    Map<String, String> keys = new java.util.HashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 1 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("MLJOBS_API_KEYS must read owner=key,owner=key");
      }
      keys.put(pair.substring(eq + 1).trim(), pair.substring(0, eq).trim());
    }
    return keys;
  }

  /** Every API key and the owner it authenticates. */
  public Map<String, String> ownersByKey() {
    Map<String, String> all = new java.util.HashMap<>(moreKeys);
    all.put(apiKey, "local");
    return all;
  }

  /** In memory, on free ports, with a fresh key and the default limits. */
  public static Options forTests() {
    return new Options(0, null, true, newKey(), true, 1000, 100, Map.of(), Map.of());
  }

  /** The same options with the API key a data directory keeps (see {@link Secrets#apiKey}). */
  Options withApiKey(String key) {
    return changed(b -> b.apiKey = key);
  }

  /** The same options, keeping everything in {@code dir}. */
  public Options withDataDir(Path dir) {
    return changed(
        b -> {
          b.dataDir = dir;
          b.inMemory = false;
        });
  }

  /** The same options with these owner grants and upload limit. */
  public Options withOwnerSpaces(String prefixes, long maxBytes) {
    return withSetting(OwnerSettings.OWNER_PREFIXES, prefixes)
        .withSetting(OwnerSettings.MAX_UPLOAD_BYTES, Long.toString(maxBytes));
  }

  public Options withLimits(int total, int perOwner) {
    return changed(
        b -> {
          b.maxRunning = total;
          b.maxRunningPerOwner = perOwner;
        });
  }

  /**
   * The same options with one handler setting, e.g. {@code MLJOBS_CALLBACK_ALLOW=127.0.0.1}.
   *
   * @throws IllegalArgumentException when {@code name} is not one of {@link #HANDLER_SETTINGS}
   */
  public Options withSetting(String name, String value) {
    return changed(b -> b.handlerSettings.put(name, value));
  }

  /** The same options with another owner's key. */
  public Options withOwner(String owner, String key) {
    return changed(b -> b.moreKeys.put(key, owner));
  }

  /** A copy with some components changed, checked again by the canonical constructor. */
  private Options changed(java.util.function.Consumer<Components> change) {
    Components b = new Components(this);
    change.accept(b);
    return new Options(
        port,
        b.dataDir,
        b.inMemory,
        b.apiKey,
        apiKeyGenerated,
        b.maxRunning,
        b.maxRunningPerOwner,
        b.moreKeys,
        b.handlerSettings);
  }

  /** The components the {@code with} methods change. */
  private static final class Components {
    Path dataDir;
    boolean inMemory;
    String apiKey;
    int maxRunning;
    int maxRunningPerOwner;
    final Map<String, String> moreKeys;
    final Map<String, String> handlerSettings;

    Components(Options o) {
      dataDir = o.dataDir;
      inMemory = o.inMemory;
      apiKey = o.apiKey;
      maxRunning = o.maxRunning;
      maxRunningPerOwner = o.maxRunningPerOwner;
      moreKeys = new java.util.HashMap<>(o.moreKeys);
      handlerSettings = new java.util.HashMap<>(o.handlerSettings);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String text, String option) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got '" + text + "'");
    }
  }

  private static String newKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return "mlj_" + HexFormat.of().formatHex(bytes);
  }
}
