#include "prep360/sfm/colmap_steps.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace prep360 {
namespace {

// One COLMAP command line under construction: Opt("database_path", x) adds the option
// "--database_path" and its value.
class Line {
 public:
  explicit Line(std::string command) { step_.name = command, step_.args.push_back(std::move(command)); }
  Line& Opt(const std::string& name, const std::string& value) {
    step_.args.push_back("--" + name);
    step_.args.push_back(value);
    return *this;
  }
  Line& Opt(const std::string& name, int value) { return Opt(name, std::to_string(value)); }
  ColmapStep Done() { return std::move(step_); }

 private:
  ColmapStep step_;
};

std::string Num(double v) { return fmt::format("{:.17g}", v); }

// The option group of GPU/thread settings: renamed in COLMAP 3.13.
std::string ExtractionGroup(const ColmapVersion& v) { return v.AtLeast(3, 13) ? "FeatureExtraction" : "SiftExtraction"; }
std::string MatchingGroup(const ColmapVersion& v) { return v.AtLeast(3, 13) ? "FeatureMatching" : "SiftMatching"; }

int Threads(const SfmOptions& o) { return o.threads > 0 ? o.threads : -1; }

// Half the diagonal field of view of a view, degrees.
double HalfDiagonalDeg(const View& v) {
  const Pinhole c = v.Camera();
  return RadToDeg(std::atan(std::hypot(c.width / 2.0, c.height / 2.0) / c.fx));
}

// Whether two views of one rig can see common content: their optical axes are closer than the sum
// of their half diagonal fields of view.
bool CanOverlap(const View& a, const View& b) {
  const Vec3 za = a.PanoFromCam() * Vec3{0, 0, 1}, zb = b.PanoFromCam() * Vec3{0, 0, 1};
  const double angle = RadToDeg(std::acos(std::clamp(za.Dot(zb), -1.0, 1.0)));
  return angle < HalfDiagonalDeg(a) + HalfDiagonalDeg(b);
}

ColmapStep Extraction(const ColmapVersion& version, const SfmOptions& o, const DatasetContents& d, const SfmPaths& p,
                      const std::vector<int>& group, int index) {
  const Pinhole c = d.rig.views[static_cast<std::size_t>(group.front())].Camera();
  Line line("feature_extractor");
  line.Opt("database_path", p.Database().string())
      .Opt("image_path", p.images.string())
      .Opt("image_list_path", p.ImageList(index).string())
      .Opt("ImageReader.single_camera_per_folder", 1)
      .Opt("ImageReader.camera_model", "PINHOLE")
      .Opt("ImageReader.camera_params", Num(c.fx) + "," + Num(c.fy) + "," + Num(c.cx) + "," + Num(c.cy));
  if (!p.masks.empty()) line.Opt("ImageReader.mask_path", p.masks.string());
  if (o.max_features > 0) line.Opt("SiftExtraction.max_num_features", o.max_features);
  line.Opt(ExtractionGroup(version) + ".use_gpu", o.gpu ? 1 : 0).Opt(ExtractionGroup(version) + ".num_threads", Threads(o));
  ColmapStep step = line.Done();
  step.name = fmt::format("{}_{}", step.args.front(), index);
  return step;
}

ColmapStep Matching(const ColmapVersion& version, const SfmOptions& o, const SfmPaths& p) {
  Line line(o.matcher == SfmMatcher::kSequential   ? "matches_importer"
            : o.matcher == SfmMatcher::kExhaustive ? "exhaustive_matcher"
                                                   : "vocab_tree_matcher");
  line.Opt("database_path", p.Database().string());
  if (o.matcher == SfmMatcher::kSequential) line.Opt("match_list_path", p.Pairs().string()).Opt("match_type", "pairs");
  if (o.matcher == SfmMatcher::kVocabTree) line.Opt("VocabTreeMatching.vocab_tree_path", o.vocab_tree);
  line.Opt(MatchingGroup(version) + ".use_gpu", o.gpu ? 1 : 0).Opt(MatchingGroup(version) + ".num_threads", Threads(o));
  return line.Done();
}

ColmapStep Mapping(const ColmapVersion& version, const SfmOptions& o, const SfmPaths& p) {
  Line line("mapper");
  line.Opt("database_path", p.Database().string())
      .Opt("image_path", p.images.string())
      .Opt("output_path", p.Models().string())
      .Opt("Mapper.ba_refine_focal_length", 0)
      .Opt("Mapper.ba_refine_principal_point", 0)
      .Opt("Mapper.ba_refine_extra_params", 0);  // the registration's pose refinement follows these
  if (version.AtLeast(3, 12)) line.Opt("Mapper.ba_refine_sensor_from_rig", 0);
  line.Opt("Mapper.num_threads", Threads(o));
  return line.Done();
}

}  // namespace

std::vector<std::vector<int>> CameraGroups(const Rig& rig) {
  std::vector<std::vector<int>> groups;
  for (std::size_t v = 0; v < rig.views.size(); ++v) {
    const Pinhole c = rig.views[v].Camera();
    bool placed = false;
    for (auto& g : groups) {
      const Pinhole o = rig.views[static_cast<std::size_t>(g.front())].Camera();
      if (o.width == c.width && o.height == c.height && o.fx == c.fx && o.fy == c.fy && o.cx == c.cx && o.cy == c.cy) {
        g.push_back(static_cast<int>(v));
        placed = true;
        break;
      }
    }
    if (!placed) groups.push_back({static_cast<int>(v)});
  }
  return groups;
}

std::string SequentialPairs(const DatasetContents& d, int overlap) {
  const auto& views = d.rig.views;
  std::string out;
  for (std::size_t i = 0; i < d.frames.size(); ++i) {
    for (std::size_t j = i; j < d.frames.size() && j <= i + static_cast<std::size_t>(overlap); ++j) {
      for (std::size_t a = 0; a < views.size(); ++a) {
        for (std::size_t b = i == j ? a + 1 : 0; b < views.size(); ++b) {
          if (!CanOverlap(views[a], views[b])) continue;
          out += d.ImageName(views[a].name, d.frames[i]) + " " + d.ImageName(views[b].name, d.frames[j]) + "\n";
        }
      }
    }
  }
  return out;
}

std::string ImageList(const DatasetContents& d, const std::vector<int>& views) {
  std::string out;
  for (int v : views) {
    for (const std::string& frame : d.frames) out += d.ImageName(d.rig.views[static_cast<std::size_t>(v)].name, frame) + "\n";
  }
  return out;
}

std::vector<ColmapStep> ColmapSteps(const ColmapVersion& version, const SfmOptions& o, const DatasetContents& d,
                                    const SfmPaths& p) {
  std::vector<ColmapStep> steps;
  const auto groups = CameraGroups(d.rig);
  for (std::size_t g = 0; g < groups.size(); ++g) steps.push_back(Extraction(version, o, d, p, groups[g], static_cast<int>(g)));
  if (version.AtLeast(3, 12)) {
    steps.push_back(Line("rig_configurator")
                        .Opt("database_path", p.Database().string())
                        .Opt("rig_config_path", p.rig_config.string())
                        .Done());
  }
  steps.push_back(Matching(version, o, p));
  steps.push_back(Mapping(version, o, p));
  return steps;
}

}  // namespace prep360
