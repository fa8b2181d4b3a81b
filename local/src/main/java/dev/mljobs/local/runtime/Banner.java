package dev.mljobs.local.runtime;

import java.util.TreeSet;

/**
 * What the runtime prints once it is ready: where, with which key and for which owners, and
 * requests to paste that submit a job and read it back.
 */
final class Banner {

  private Banner() {}

  static String of(LocalRuntime runtime) {
    Options o = runtime.options();
    String url = runtime.apiUrl().toString();
    StringBuilder b = new StringBuilder();
    b.append("mljobs local runtime ready in ")
        .append(runtime.startupTime().toMillis())
        .append(" ms\n");
    b.append("  API        ").append(url).append('\n');
    b.append("  API key    ").append(o.apiKey()).append(keyOrigin(o)).append('\n');
    b.append("  owners     local (this key)");
    TreeSet<String> more = new TreeSet<>(o.moreKeys().values());
    if (!more.isEmpty()) {
      b.append("; ").append(String.join(", ", more)).append(" (MLJOBS_API_KEYS)");
    }
    b.append('\n');
    b.append("  data       ")
        .append(o.inMemory() ? "in memory (nothing is kept)" : o.dataDir().toAbsolutePath())
        .append('\n');
    b.append("  AWS APIs   DynamoDB ").append(runtime.aws().dynamoDbEndpoint());
    b.append("  SQS ").append(runtime.aws().sqsEndpoint());
    b.append("  S3 ").append(runtime.aws().s3Endpoint()).append('\n');
    b.append("             Step Functions ").append(runtime.stepFunctionsEndpoint());
    b.append("  Scheduler ").append(runtime.schedulerEndpoint()).append('\n');
    b.append("\nTry (curl and jq):\n");
    b.append("  URL=").append(url).append(" KEY=").append(o.apiKey()).append('\n');
    b.append("  JOB_ID=$(curl -s -X POST $URL/v1/jobs -H \"Authorization: Bearer $KEY\" \\\n");
    b.append("    -H 'Content-Type: application/json' \\\n");
    b.append("    -d '{\"job_type\": \"sleep\", \"params\": {\"seconds\": 2}}' | jq -r .job_id)\n");
    b.append("  curl -s $URL/v1/jobs/$JOB_ID -H \"Authorization: Bearer $KEY\"\n");
    b.append("\nCtrl-C stops it.");
    return b.toString();
  }

  private static String keyOrigin(Options o) {
    if (!o.apiKeyGenerated()) {
      return "   (MLJOBS_API_KEY)";
    }
    return o.inMemory()
        ? "   (generated; set MLJOBS_API_KEY to choose one)"
        : "   (generated, kept in "
            + Secrets.apiKeyFile(o.dataDir().toAbsolutePath())
            + "; set MLJOBS_API_KEY to choose one)";
  }
}
