package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

  private static BufferedImage filled(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  @Test
  void letterbox_pads_with_the_pad_value_around_the_scaled_image() {
    // given: a white 8x4 image into 8x8: rows 2..5 are the image, the rest is padding
    Preprocessing p =
        Preprocessing.scaledOnly(8, 8, ColourMode.RGB, new ResizeMode.Letterbox(114), 1.0 / 255);

    // when
    float[] pixels = new ImagePreprocessor(p).prepare(filled(8, 4, Color.WHITE)).pixels();

    // then: channel 0, rows 0 and 7 are grey, row 3 white
    assertThat(pixels[0]).isCloseTo(114 / 255f, within(1e-6f));
    assertThat(pixels[7 * 8]).isCloseTo(114 / 255f, within(1e-6f));
    assertThat(pixels[3 * 8]).isEqualTo(1f);
  }

  @Test
  void each_channel_is_normalised_with_its_own_mean_and_std_in_chw_order() {
    // given: pure red, ImageNet mean and std
    Preprocessing p =
        new Preprocessing(
            4,
            4,
            ColourMode.RGB,
            new ResizeMode.Stretch(),
            1.0 / 255,
            new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});

    // when
    float[] pixels = new ImagePreprocessor(p).prepare(filled(4, 4, Color.RED)).pixels();

    // then
    assertThat(pixels).hasSize(3 * 16);
    assertThat(pixels[0]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-5f));
    assertThat(pixels[16]).isCloseTo(-0.456f / 0.224f, within(1e-5f));
    assertThat(pixels[32]).isCloseTo(-0.406f / 0.225f, within(1e-5f));
  }

  @Test
  void a_colour_image_becomes_one_luma_channel_for_a_greyscale_model() {
    // given
    Preprocessing p =
        Preprocessing.scaledOnly(2, 2, ColourMode.GRAYSCALE, new ResizeMode.Stretch(), 1);

    // when
    float[] pixels =
        new ImagePreprocessor(p).prepare(filled(2, 2, new Color(100, 200, 50))).pixels();

    // then: ITU-R 601 luma, 0.299 R + 0.587 G + 0.114 B
    assertThat(pixels).containsOnly(Math.round(100 * 0.299 + 200 * 0.587 + 50 * 0.114));
  }

  @Test
  void a_greyscale_image_keeps_its_stored_values_in_each_channel_for_a_colour_model() {
    // given: grey 100, which BufferedImage.getRGB reads as 168
    BufferedImage grey = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster()
        .setSamples(0, 0, 3, 3, 0, new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100});
    Preprocessing p = Preprocessing.scaledOnly(6, 6, ColourMode.RGB, new ResizeMode.Stretch(), 1);

    // when
    float[] pixels = new ImagePreprocessor(p).prepare(grey).pixels();

    // then
    assertThat(pixels).hasSize(3 * 36).containsOnly(100f);
  }
}
