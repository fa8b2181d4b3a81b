package dev.mljobs.local.asl;

/**
 * An inline Map state.
 *
 * @param itemSelector ItemSelector (or the deprecated Parameters), null when absent
 * @param maxConcurrency 0 for no limit of ours
 */
record MapState(
    StateHeader header,
    AslPath itemsPath,
    Expression itemSelector,
    StateGraph processor,
    int maxConcurrency)
    implements State {
  MapState {
    if (itemsPath == null || processor == null || maxConcurrency < 0) {
      throw new IllegalArgumentException("a Map needs ItemsPath, a processor and MaxConcurrency");
    }
  }
}
