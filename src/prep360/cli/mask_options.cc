#include "prep360/cli/mask_options.h"

#include <cstdio>

#include "prep360/util/error.h"

namespace prep360::cli {

void MaskOptions::AddModelOptions(CLI::App& app, bool model_required) {
  auto* model_opt =
      app.add_option("--model", model, "ONNX segmentation or detection model (ultralytics YOLOv8/YOLO11 export)");
  if (model_required) model_opt->required();
  app.add_option("--device", device, "Execution provider: auto, cpu, cuda, tensorrt (missing ones fall back to cpu)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "tensorrt"}))
      ->capture_default_str();
  app.add_option("--classes", classes,
                 "Classes to mask, names or ids, or 'all' (default: person, backpack, umbrella, handbag, tie, "
                 "suitcase, cell phone)")
      ->delimiter(',');
  app.add_option("--class-names", class_names, "File with one class name per line (overrides the model's)");
  app.add_option("--conf", conf, "Confidence threshold")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--iou", iou, "IoU threshold of the class-aware NMS")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--dilate", dilate, "Grow the masked regions by PX pixels")->check(CLI::Range(0, 1000));
  app.add_option("--min-area", min_area, "Ignore instances smaller than PX pixels")->check(CLI::NonNegativeNumber);
  app.add_flag("--invert", invert, "Masks keep the objects and ignore the rest");
  app.add_option("--mask-style", style,
                 "Mask naming: colmap (masks/<view>/<image>.png), realityscan (<image>.mask.png, in split/run "
                 "beside the image), metashape (<stem>_mask.png), nerfstudio (<stem>.png)")
      ->check(CLI::IsMember({"colmap", "realityscan", "metashape", "nerfstudio"}))
      ->capture_default_str();
  app.add_option("--batch", batch, "Images per inference call when the model allows batches")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--input-size", input_size, "Long side of the model input for dynamic-size models")
      ->check(CLI::Range(32, 4096))
      ->capture_default_str();
}

void MaskOptions::Add(CLI::App& app) {
  app.add_flag("--mask", mask,
               "Detect objects on the views with --model, merge the detections on the sphere and write "
               "one mask per view (docs/masks.md)");
  AddModelOptions(app, false);
  app.add_option("--mask-nadir", nadir, "Also mask every direction more than DEG below the horizon (operator, tripod)")
      ->check(CLI::Range(0.0, 90.0));
  app.add_flag("--ownership-masks", ownership,
               "Also write COLMAP SfM masks (sfm_masks/<view>/<image>.png) giving each panorama pixel to the "
               "view whose centre is nearest, minus the masked objects");
}

SegmenterOptions MaskOptions::Segmenter(int threads) const {
  SegmenterOptions o;
  o.model_path = model;
  o.device = device;
  o.threads = threads;
  o.classes = classes;
  o.class_names_file = class_names;
  o.conf = conf;
  o.iou = iou;
  o.min_area = min_area;
  o.max_batch = batch;
  o.input_size = input_size;
  o.warn = [](const std::string& msg) { std::fprintf(stderr, "prep360: warning: %s\n", msg.c_str()); };
  return o;
}

MaskingOptions MaskOptions::Build(int threads) const {
  MaskingOptions m;
  m.detect = mask;
  if (mask && model.empty()) throw Error("--mask needs --model FILE.onnx (an ultralytics YOLO segmentation export)");
  if (!mask && !model.empty()) throw Error("--model is given without --mask");
  m.segmenter = Segmenter(threads);
  m.style = ParseMaskStyle(style);
  m.dilate_px = dilate;
  m.invert = invert;
  m.nadir_deg = nadir;
  m.ownership = ownership;
  return m;
}

}  // namespace prep360::cli
