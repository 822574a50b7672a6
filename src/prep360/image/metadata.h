#pragma once
// EXIF/XMP (exiv2): what a view image carries, and what is copied from its source panorama.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"

namespace prep360 {

struct GpsPosition {
  double latitude_deg = 0;   // + north
  double longitude_deg = 0;  // + east
  std::optional<double> altitude_m;
  std::optional<double> utc_s;  // time of the fix, seconds since 1970-01-01 UTC (GPSDateStamp + GPSTimeStamp)
  std::optional<double> dop;    // GPSDOP
};

// Metadata read from a source panorama (all optional).
struct SourceMetadata {
  std::optional<std::string> datetime_original;  // "YYYY:MM:DD HH:MM:SS"
  std::optional<std::string> subsec_original;
  std::optional<GpsPosition> gps;
  // The EXIF orientation (1..8) the decoder applied to the panorama (image_io.h ImageInfo); the
  // views are upright and never carry an Orientation tag. 1: stored upright, or no tag.
  int orientation = 1;
};

// Everything written into one view image.
struct ViewMetadata {
  int width = 0, height = 0;
  double focal_px = 0;        // fx = fy
  double yaw_deg = 0, pitch_deg = 0, roll_deg = 0, hfov_deg = 0, vfov_deg = 0;
  std::string view_name;
  std::string source_name;
  SourceMetadata source;
};

// The nominal sensor width stated in every view's EXIF: 36 mm across the view's width,
// so FocalLength = fx * 36 / W mm and FocalLengthIn35mmFilm = round(fx * 36 / W).
inline constexpr double kNominalSensorWidthMm = 36.0;

// Reads DateTimeOriginal, GPS and the orientation from a file's EXIF; missing or unreadable
// metadata gives an empty result (never throws for metadata problems alone).
SourceMetadata ReadSourceMetadata(const std::string& path);
SourceMetadata ReadSourceMetadata(const std::vector<std::uint8_t>& bytes);

// Returns `encoded` (a complete JPEG/PNG/TIFF file) with EXIF and XMP added:
// EXIF FocalLength, FocalLengthIn35mmFilm, FocalPlaneX/YResolution + unit (stating the sensor
// width), PixelXDimension/PixelYDimension, DateTimeOriginal and GPS when the source had them;
// XMP (namespace prep360, prefix "p360") Yaw, Pitch, Roll, HFov, VFov, View, Source.
std::vector<std::uint8_t> EmbedViewMetadata(const std::vector<std::uint8_t>& encoded, ImageFormat format,
                                            const ViewMetadata& meta);

// Everything written into one equirect frame (prep360 extract / run --keep-equirect).
struct PanoramaMetadata {
  int width = 0, height = 0;
  std::string source_name;  // e.g. the video's file name
  SourceMetadata source;    // DateTimeOriginal (+ SubSecTimeOriginal), GPS
};

// Returns `encoded` with EXIF (PixelX/YDimension, DateTimeOriginal, SubSecTimeOriginal, GPS) and
// XMP GPano (ProjectionType equirectangular, UsePanoramaViewer, FullPano and CroppedArea sizes
// = the whole image), so panorama viewers and Metashape recognise the frame as a spherical image.
std::vector<std::uint8_t> EmbedPanoramaMetadata(const std::vector<std::uint8_t>& encoded, ImageFormat format,
                                                const PanoramaMetadata& meta);

// What EmbedViewMetadata wrote, read back (for tests and `prep360 info FILE`).
struct ViewMetadataReadback {
  std::optional<double> focal_length_mm;
  std::optional<int> focal_length_35mm;
  std::optional<double> focal_plane_x_resolution;  // pixels per unit
  std::optional<int> focal_plane_resolution_unit;  // 2 inch, 3 cm, 4 mm
  std::optional<int> pixel_x_dimension, pixel_y_dimension;
  std::optional<std::string> datetime_original;
  std::optional<GpsPosition> gps;
  std::optional<double> yaw_deg, pitch_deg, roll_deg, hfov_deg, vfov_deg;
  std::optional<std::string> view_name;
  std::optional<std::string> subsec_original;
  std::optional<std::string> gpano_projection;  // Xmp.GPano.ProjectionType
  std::optional<int> gpano_full_width, gpano_full_height;
  std::optional<int> orientation;  // Exif.Image.Orientation, if the file has one
};
ViewMetadataReadback ReadViewMetadata(const std::string& path);

}  // namespace prep360
