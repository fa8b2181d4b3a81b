package dev.mljobs.worker.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A labelled test set, read straight from its zip in the test resources. */
final class TestSet {

  private final Map<String, byte[]> files;

  private TestSet(Map<String, byte[]> files) {
    this.files = files;
  }

  static TestSet load(String zipResource) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream raw = TestSet.class.getResourceAsStream("/vision/" + zipResource);
        ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        files.put(e.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestSet(files);
  }

  byte[] bytes(String name) {
    byte[] b = files.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no " + name + " in the test set");
    }
    return b;
  }

  String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  BufferedImage image(String name) {
    try {
      return ImageDecoder.decode(bytes(name));
    } catch (UnreadableImageException e) {
      throw new IllegalStateException(name, e);
    }
  }

  /** Returns the rows of {@code labels.csv} after its header: {@code [file, label]}. */
  List<String[]> labels() {
    return text("labels.csv").lines().skip(1).map(l -> l.strip().split(",")).toList();
  }
}
