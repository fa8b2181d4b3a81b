package dev.mljobs.worker.batch;

import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a {@code batch_inference} job: every object under {@code input_uri} when it ends
 * with {@code /} (or is a whole bucket), in key order; otherwise {@code input_uri} is a manifest, a
 * UTF-8 text object with one s3:// URI per line (blank lines and lines starting with {@code #} are
 * skipped), in its order. A line that is no URI is an item named {@code line N} that fails; every
 * object is read through the owner's space, so a line outside it fails that item too.
 */
final class BatchInputs {

  /** The most items one job runs: a larger set is better split into several jobs. */
  static final int MAX_ITEMS = 100_000;

  static final long MAX_MANIFEST_BYTES = 32L * 1024 * 1024;

  /**
   * One item: its name as the submitter wrote it, and its object, or why it has none.
   *
   * @param uri {@code null} when {@code invalid} says why the name is not an object
   */
  record Item(String name, S3Uri uri, String invalid) {}

  private BatchInputs() {}

  /**
   * @param output where results go; objects under it are never inputs (a rerun over the same bucket
   *     must not read its own earlier output)
   * @throws JobFailedException when there are no items, too many, or the input cannot be read
   */
  static List<Item> resolve(S3Uri input, S3Uri output, S3Objects s3) {
    List<Item> items = input.isPrefix() ? listed(input, output, s3) : manifest(input, s3);
    if (items.isEmpty()) {
      throw new JobFailedException(
          input.isPrefix()
              ? "params.input_uri: there are no objects under " + input
              : "params.input_uri: the manifest " + input + " lists no objects");
    }
    if (items.size() > MAX_ITEMS) {
      throw new JobFailedException(
          "params.input_uri: "
              + input
              + " holds more than "
              + MAX_ITEMS
              + " items; split the job into several");
    }
    return items;
  }

  private static List<Item> listed(S3Uri prefix, S3Uri output, S3Objects s3) {
    List<S3Uri> found;
    try {
      found = s3.list(prefix, MAX_ITEMS);
    } catch (IOException e) {
      throw new JobFailedException("params.input_uri: " + e.getMessage());
    }
    List<Item> items = new ArrayList<>(found.size());
    for (S3Uri uri : found) {
      boolean ownOutput =
          uri.bucket().equals(output.bucket()) && uri.key().startsWith(output.key());
      if (!ownOutput) {
        items.add(new Item(uri.toString(), uri, null));
      }
    }
    return items;
  }

  private static List<Item> manifest(S3Uri manifest, S3Objects s3) {
    String text;
    try {
      text = new String(s3.read(manifest, MAX_MANIFEST_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      String hint = e.getMessage().endsWith("does not exist") ? " (a prefix must end with /)" : "";
      throw new JobFailedException("params.input_uri: " + e.getMessage() + hint);
    }
    List<Item> items = new ArrayList<>();
    int number = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      number++;
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      try {
        S3Uri uri = S3Uri.parse(name);
        items.add(
            uri.isPrefix()
                ? new Item(name, null, "a manifest line must name an object, not a prefix")
                : new Item(name, uri, null));
      } catch (IllegalArgumentException e) {
        // named by its place, not its text: a line that is no URI may be anything at all (a file
        // named as a manifest by mistake), and no result or error repeats an object's contents
        items.add(new Item("line " + number, null, "not an s3:// URI"));
      }
      if (items.size() > MAX_ITEMS) {
        break;
      }
    }
    return items;
  }
}
