package dev.mljobs.handlers;

/** Runs {@link Priming}'s hook as CRaC would before a checkpoint (tests only). */
public final class PrimingHooks {

  private PrimingHooks() {}

  /**
   * Calls the hook's {@code beforeCheckpoint}.
   *
   * @throws Exception what the hook lets through (it should let nothing through)
   */
  public static void beforeCheckpoint(Runnable warmUp) throws Exception {
    Priming.resource(warmUp).beforeCheckpoint(null);
  }
}
