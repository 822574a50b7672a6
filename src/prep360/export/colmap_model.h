#pragma once
// A COLMAP sparse model (cameras, images, points3D) as COLMAP 3.8 writes it: the text form
// (cameras.txt, images.txt, points3D.txt) and the binary form (cameras.bin, images.bin,
// points3D.bin, little-endian: camera_t/image_t/point2D_t uint32, point3D_t uint64, model ids
// SIMPLE_PINHOLE 0 ... THIN_PRISM_FISHEYE 10). When a folder holds both, the binary form is read,
// as COLMAP does. Poses are world->camera (quaternion [w, x, y, z] and translation, camera axes x
// right, y down, z forward); the centre is -R^T t.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "prep360/geometry/rotation.h"

namespace prep360 {

struct ColmapCamera {
  std::uint32_t id = 0;
  std::string model;  // "PINHOLE", "OPENCV", ...
  std::uint64_t width = 0, height = 0;
  std::vector<double> params;
};

inline constexpr std::uint64_t kColmapNoPoint = std::numeric_limits<std::uint64_t>::max();  // -1 in text

struct ColmapPoint2D {
  double x = 0, y = 0;
  std::uint64_t point3d_id = kColmapNoPoint;
};

struct ColmapImage {
  std::uint32_t id = 0;
  Quaternion q;  // cam_from_world rotation
  Vec3 t;        // cam_from_world translation
  std::uint32_t camera_id = 0;
  std::string name;  // relative to the image folder, '/' separated
  std::vector<ColmapPoint2D> points2d;

  Mat3 CamFromWorld() const { return MatrixFromQuaternion(q); }
  Vec3 Centre() const;  // -R^T t
};

struct ColmapTrackElement {
  std::uint32_t image_id = 0, point2d_idx = 0;
};

struct ColmapPoint3D {
  std::uint64_t id = 0;
  Vec3 xyz;
  std::uint8_t rgb[3] = {0, 0, 0};
  double error = 0;  // mean reprojection error, pixels
  std::vector<ColmapTrackElement> track;
};

struct ColmapModel {
  std::map<std::uint32_t, ColmapCamera> cameras;
  std::map<std::uint32_t, ColmapImage> images;
  std::vector<ColmapPoint3D> points;

  // Mean reprojection error over all observations (each point's error weighted by its track
  // length, as COLMAP reports it); 0 for a model without points.
  double MeanReprojectionError() const;
};

// Number of parameters of a COLMAP camera model, or -1 for a name COLMAP 3.8 does not know.
int ColmapModelParamCount(const std::string& model);

// Whether `dir` holds a model (cameras, images and points3D, in either form).
bool HasColmapModel(const std::filesystem::path& dir);

// Reads the model in `dir` (binary when cameras.bin, images.bin and points3D.bin exist, else
// text). Throws Error "FILE: problem" naming the file and, for text, the line.
ColmapModel ReadColmapModel(const std::filesystem::path& dir);
ColmapModel ReadColmapModelText(const std::filesystem::path& dir);
ColmapModel ReadColmapModelBinary(const std::filesystem::path& dir);

// The text files, with COLMAP's header comments; numbers printed to round-trip exactly.
std::string ColmapCamerasText(const ColmapModel& model);
std::string ColmapImagesText(const ColmapModel& model);
std::string ColmapPoints3DText(const ColmapModel& model);

// Writes dir/cameras.txt, images.txt, points3D.txt (or the three .bin files), each atomically.
void WriteColmapModelText(const ColmapModel& model, const std::filesystem::path& dir);
void WriteColmapModelBinary(const ColmapModel& model, const std::filesystem::path& dir);

}  // namespace prep360
