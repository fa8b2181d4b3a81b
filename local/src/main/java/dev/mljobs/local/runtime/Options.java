package dev.mljobs.local.runtime;

import dev.mljobs.aws.s3.OwnerSettings;
import dev.mljobs.core.storage.Uploads;
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
 * @param ownerPrefixes S3 prefixes granted to owners ({@code MLJOBS_OWNER_PREFIXES}, {@code
 *     alice=s3://acme-data/team-a/;…}), empty for none
 * @param maxUploadBytes the largest upload presigned ({@code MLJOBS_MAX_UPLOAD_BYTES})
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
    String ownerPrefixes,
    long maxUploadBytes) {

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
          + "  MLJOBS_MAX_UPLOAD_BYTES  the largest file POST /v1/uploads accepts (default 52428800)";

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
    ownerPrefixes = ownerPrefixes == null ? "" : ownerPrefixes;
    // refused at startup, not at the first request: the handlers read the same settings
    OwnerSettings.spaces(handlerSettings(ownerPrefixes, maxUploadBytes));
    OwnerSettings.maxUploadBytes(handlerSettings(ownerPrefixes, maxUploadBytes));
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
        env.getOrDefault(OwnerSettings.OWNER_PREFIXES, ""),
        OwnerSettings.maxUploadBytes(env));
  }

  /** The owner-space and upload settings as the handlers read them. */
  public Map<String, String> handlerSettings() {
    return handlerSettings(ownerPrefixes, maxUploadBytes);
  }

  private static Map<String, String> handlerSettings(String prefixes, long maxUploadBytes) {
    return Map.of(
        OwnerSettings.OWNER_PREFIXES,
        prefixes,
        OwnerSettings.MAX_UPLOAD_BYTES,
        Long.toString(maxUploadBytes));
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
    return new Options(
        0, null, true, newKey(), true, 1000, 100, Map.of(), "", Uploads.DEFAULT_MAX_BYTES);
  }

  /** The same options with the API key a data directory keeps (see {@link Secrets#apiKey}). */
  Options withApiKey(String key) {
    return new Options(
        port,
        dataDir,
        inMemory,
        key,
        apiKeyGenerated,
        maxRunning,
        maxRunningPerOwner,
        moreKeys,
        ownerPrefixes,
        maxUploadBytes);
  }

  public Options withLimits(int total, int perOwner) {
    return new Options(
        port,
        dataDir,
        inMemory,
        apiKey,
        apiKeyGenerated,
        total,
        perOwner,
        moreKeys,
        ownerPrefixes,
        maxUploadBytes);
  }

  /** The same options with these owner grants and upload limit. */
  public Options withOwnerSpaces(String prefixes, long maxBytes) {
    return new Options(
        port,
        dataDir,
        inMemory,
        apiKey,
        apiKeyGenerated,
        maxRunning,
        maxRunningPerOwner,
        moreKeys,
        prefixes,
        maxBytes);
  }

  /** The same options with another owner's key. */
  public Options withOwner(String owner, String key) {
    Map<String, String> keys = new java.util.HashMap<>(moreKeys);
    keys.put(key, owner);
    return new Options(
        port,
        dataDir,
        inMemory,
        apiKey,
        apiKeyGenerated,
        maxRunning,
        maxRunningPerOwner,
        keys,
        ownerPrefixes,
        maxUploadBytes);
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
