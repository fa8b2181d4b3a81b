# Shared by scripts/synth, scripts/deploy and scripts/destroy: the pinned CDK CLI and the build of
# the app (the handlers' shaded jar, the app's classes and class path). Sourced, not run.
CDK_CLI_VERSION="2.1148.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$(basename "$0"): $1 is missing: $2" >&2
    exit 1
  fi
}

cdk() {
  (cd "$root/infra-cdk" && npx --yes "aws-cdk@$CDK_CLI_VERSION" "$@")
}

build_app() {
  need java "install a JDK 17 or later"
  need mvn "install Maven 3.8 or later"
  need node "install Node.js 20 or later (the CDK runs on it)"
  need npx "install npm (it comes with Node.js)"
  echo "$(basename "$0"): building the handlers' jar and the CDK app..." >&2
  log="$(mktemp)"
  # -Plambda: the handlers' shaded jar (functions/handlers/target/mljobs-handlers-lambda.jar)
  if ! mvn -B -q -f "$root/pom.xml" -Plambda -pl infra-cdk -am -DskipTests \
      -Dspotless.check.skip=true package </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}
