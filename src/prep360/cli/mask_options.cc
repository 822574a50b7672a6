#include "prep360/cli/mask_options.h"

#include <cstdio>

#include "prep360/util/error.h"

namespace prep360::cli {

void MaskOptions::Add(CLI::App& app) {
  app.add_flag("--mask", mask,
               "Detect objects on the views with --model, merge the detections on the sphere and write "
               "one mask per view (docs/masks.md)");
  app.add_option("--model", model, "ONNX segmentation or detection model (ultralytics YOLOv8/YOLO11 export)");
  app.add_option("--device", device, "Execution provider: auto, cpu, cuda, tensorrt (missing ones fall back to cpu)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "tensorrt"}))
      ->capture_default_str();
  app.add_option("--classes", classes,
                 "Classes to mask, names or ids (default: person, backpack, umbrella, handbag, tie, suitcase, "
                 "cell phone)")
      ->delimiter(',');
  app.add_option("--class-names", class_names, "File with one class name per line (overrides the model's)");
  app.add_option("--conf", conf, "Confidence threshold")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--iou", iou, "IoU threshold of the class-aware NMS")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--dilate", dilate, "Grow the masked regions by PX pixels")->check(CLI::Range(0, 1000));
  app.add_option("--min-area", min_area, "Ignore instances smaller than PX pixels")->check(CLI::NonNegativeNumber);
  app.add_flag("--invert", invert, "Masks keep the objects and ignore the rest");
  app.add_option("--mask-style", style,
                 "Mask naming and place: colmap (masks/<view>/<image>.png), realityscan (<image>.mask.png beside "
                 "the image), metashape (masks/<view>/<stem>_mask.png), nerfstudio (masks/<view>/<stem>.png)")
      ->check(CLI::IsMember({"colmap", "realityscan", "metashape", "nerfstudio"}))
      ->capture_default_str();
  app.add_option("--mask-nadir", nadir, "Also mask every direction more than DEG below the horizon (operator, tripod)")
      ->check(CLI::Range(0.0, 90.0));
  app.add_flag("--ownership-masks", ownership,
               "Also write COLMAP SfM masks (sfm_masks/<view>/<image>.png) giving each panorama pixel to the "
               "view whose centre is nearest, minus the masked objects");
  app.add_option("--batch", batch, "Views per inference call when the model allows batches")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
}

MaskingOptions MaskOptions::Build(int threads) const {
  MaskingOptions m;
  m.detect = mask;
  if (mask && model.empty()) throw Error("--mask needs --model FILE.onnx (an ultralytics YOLO segmentation export)");
  if (!mask && !model.empty()) throw Error("--model is given without --mask");
  m.segmenter.model_path = model;
  m.segmenter.device = device;
  m.segmenter.threads = threads;
  m.segmenter.classes = classes;
  m.segmenter.class_names_file = class_names;
  m.segmenter.conf = conf;
  m.segmenter.iou = iou;
  m.segmenter.min_area = min_area;
  m.segmenter.max_batch = batch;
  m.segmenter.warn = [](const std::string& msg) { std::fprintf(stderr, "prep360: warning: %s\n", msg.c_str()); };
  m.style = ParseMaskStyle(style);
  m.dilate_px = dilate;
  m.invert = invert;
  m.nadir_deg = nadir;
  m.ownership = ownership;
  return m;
}

}  // namespace prep360::cli
