#include "prep360/export/metashape.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace prep360 {
namespace {

double Clean(double v) { return std::abs(v) < 1e-15 ? 0.0 : v; }

// The script's code after the data block. Pure Python 3 (Metashape 2.x API).
constexpr const char* kScriptBody = R"PY(
HERE = os.path.dirname(os.path.abspath(__file__))


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)] for i in range(3)]


def transpose(a):
    return [[a[j][i] for j in range(3)] for i in range(3)]


def view_folder(camera):
    return os.path.basename(os.path.dirname(camera.photo.path))


def set_calibrations(chunk, sensors, by_name):
    for s in sensors:
        v = by_name[sensors[s]]
        cal = Metashape.Calibration()
        cal.width, cal.height = v["width"], v["height"]
        cal.f, cal.cx, cal.cy, cal.b1 = v["f"], v["cx"], v["cy"], v["b1"]
        s.type = Metashape.Sensor.Type.Frame
        s.width, s.height = v["width"], v["height"]
        s.user_calib = cal
        s.fixed_calibration = True


def set_offsets(sensors, by_name):
    # Slave offsets relative to the master sensor Metashape chose: rotation master_from_slave
    # in camera axes (x right, y down, z forward), location zero (one centre per panorama).
    for s in sensors:
        master = s.master
        if master is None or master.key == s.key:
            continue
        vs, vm = by_name[sensors[s]], by_name[sensors[master]]
        s.rotation = Metashape.Matrix(matmul(transpose(vm["pano_from_cam"]), vs["pano_from_cam"]))
        s.location = Metashape.Vector([0.0, 0.0, 0.0])
        s.fixed_rotation = True
        s.fixed_location = True


def import_masks(chunk, views):
    masks = os.path.join(HERE, "masks")
    for v in views:
        keys = [c.key for c in chunk.cameras if view_folder(c) == v["name"]]
        chunk.generateMasks(path=os.path.join(masks, v["name"], "{filename}_mask.png"),
                            masking_mode=Metashape.MaskingMode.MaskingModeFile,
                            mask_operation=Metashape.MaskOperation.MaskOperationReplacement,
                            cameras=keys)


def main():
    rig = PREP360_RIG
    views = rig["views"]
    images = os.path.normpath(os.path.join(HERE, rig["images_dir"]))
    doc = Metashape.app.document
    chunk = doc.chunk if doc.chunk is not None else doc.addChunk()
    names = [os.path.join(images, v["name"], frame + "." + rig["image_ext"])
             for frame in rig["frames"] for v in views]
    chunk.addPhotos(filenames=names, filegroups=[len(views)] * len(rig["frames"]),
                    layout=Metashape.MultiplaneLayout)
    by_name = {v["name"]: v for v in views}
    sensors = {}  # sensor -> view name, from the folder of its images
    for c in chunk.cameras:
        if view_folder(c) in by_name:
            sensors[c.sensor] = view_folder(c)
    set_calibrations(chunk, sensors, by_name)
    set_offsets(sensors, by_name)
    if rig["masks"]:
        import_masks(chunk, views)
    print("prep360: added %d images as %d sensors" % (len(names), len(sensors)))


main()
)PY";

}  // namespace

std::string MetashapeCalibrationXml(const Pinhole& c) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<calibration>\n"
      "  <projection>frame</projection>\n"
      "  <width>{}</width>\n"
      "  <height>{}</height>\n"
      "  <f>{:.17g}</f>\n"
      "  <cx>{:.17g}</cx>\n"
      "  <cy>{:.17g}</cy>\n"
      "  <b1>{:.17g}</b1>\n"
      "  <k1>0</k1>\n  <k2>0</k2>\n  <k3>0</k3>\n  <p1>0</p1>\n  <p2>0</p2>\n"
      "</calibration>\n",
      c.width, c.height, c.fy, Clean(c.cx - c.width / 2.0), Clean(c.cy - c.height / 2.0), Clean(c.fx - c.fy));
}

std::string MetashapeCalibrationName(const Rig& rig, std::size_t view) {
  const Pinhole c = rig.views[view].Camera();
  const std::string base = fmt::format("calibration_{}x{}", c.width, c.height);
  for (std::size_t i = 0; i < view; ++i) {
    const Pinhole o = rig.views[i].Camera();
    if (o.width == c.width && o.height == c.height) {
      return o.fx == c.fx && o.fy == c.fy ? MetashapeCalibrationName(rig, i) : base + "_" + rig.views[view].name + ".xml";
    }
  }
  return base + ".xml";
}

std::string MetashapeImportScript(const MetashapeScriptInput& in) {
  nlohmann::ordered_json views = nlohmann::ordered_json::array();
  for (const View& v : in.rig.views) {
    const Pinhole c = v.Camera();
    const Mat3 r = v.PanoFromCam();
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (int i = 0; i < 3; ++i) rows.push_back({Clean(r(i, 0)), Clean(r(i, 1)), Clean(r(i, 2))});
    views.push_back({{"name", v.name}, {"width", c.width}, {"height", c.height}, {"f", c.fy},
                     {"cx", Clean(c.cx - c.width / 2.0)}, {"cy", Clean(c.cy - c.height / 2.0)},
                     {"b1", Clean(c.fx - c.fy)}, {"pano_from_cam", rows}});
  }
  nlohmann::ordered_json data = {{"rig", in.rig.name}, {"images_dir", in.images_dir}, {"image_ext", in.image_ext},
                                 {"masks", in.masks},  {"views", views},             {"frames", in.frames}};
  return "# Metashape import script written by `prep360 export`, target metashape (docs/export.md).\n"
         "# Run it in Metashape 2.x (Tools > Run Script...) with a project open: it adds the dataset's images\n"
         "# to the active chunk as a multi-camera system, one sensor per rig view, with the rig's fixed\n"
         "# calibration and rotation offsets, and imports the masks.\n"
         "import json\nimport os\n\nimport Metashape\n\nPREP360_RIG = json.loads(r\"\"\"" +
         data.dump() + "\"\"\")\n" + kScriptBody;
}

}  // namespace prep360
