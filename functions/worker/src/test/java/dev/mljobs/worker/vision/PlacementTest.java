package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlacementTest {

  @Test
  void letterbox_centres_a_wide_image_with_ultralytics_padding() {
    // when: 424x361 into 320: r = 320/424, drawn 320x272, 48 rows of padding split 24/24
    Placement p = Placement.of(new ResizeMode.Letterbox(114), 424, 361, 320, 320);

    // then
    assertThat(p.scaleX()).isCloseTo(320.0 / 424, within(1e-12));
    assertThat(p.drawnWidth()).isEqualTo(320);
    assertThat(p.drawnHeight()).isEqualTo(272);
    assertThat(p.offsetX()).isZero();
    assertThat(p.offsetY()).isEqualTo(24);
  }

  @Test
  void letterbox_gives_an_odd_pixel_of_padding_to_the_right() {
    // when: 300x321 into 320: drawn 299x320, 21 columns of padding: 10 left, 11 right
    Placement p = Placement.of(new ResizeMode.Letterbox(114), 300, 321, 320, 320);

    // then
    assertThat(p.drawnWidth()).isEqualTo(299);
    assertThat(p.offsetX()).isEqualTo(10);
    assertThat(p.offsetY()).isZero();
  }

  @Test
  void a_box_in_letterboxed_pixels_maps_back_to_original_pixels() {
    // given: 640x480 into 320: r = 0.5, drawn 320x240 below 40 rows of padding
    Placement p = Placement.of(new ResizeMode.Letterbox(114), 640, 480, 320, 320);

    // when
    Box box = p.toSource(new Box(10, 50, 110, 100));

    // then
    assertThat(box).isEqualTo(new Box(20, 20, 220, 120));
  }

  @Test
  void a_box_reaching_into_the_padding_is_clipped_to_the_image() {
    // given: 640x480 into 320: the image spans rows 40..280 of the input
    Placement p = Placement.of(new ResizeMode.Letterbox(114), 640, 480, 320, 320);

    // when
    Box box = p.toSource(new Box(-5, 30, 330, 300));

    // then
    assertThat(box).isEqualTo(new Box(0, 0, 640, 480));
  }

  @Test
  void stretch_scales_each_axis_on_its_own() {
    // when
    Placement p = Placement.of(new ResizeMode.Stretch(), 448, 112, 224, 224);

    // then
    assertThat(p.toSource(new Box(0, 0, 224, 224))).isEqualTo(new Box(0, 0, 448, 112));
  }

  @Test
  void centre_crop_fills_the_input_and_cuts_the_longer_side_evenly() {
    // when: 400x200 into 224: r = 1.12, drawn 448x224, 112 columns cut on each side
    Placement p = Placement.of(new ResizeMode.ShorterSideCenterCrop(), 400, 200, 224, 224);

    // then
    assertThat(p.drawnWidth()).isEqualTo(448);
    assertThat(p.offsetX()).isEqualTo(-112);
    assertThat(p.offsetY()).isZero();
  }
}
